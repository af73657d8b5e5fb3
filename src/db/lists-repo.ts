import { and, asc, eq, gte, lt, notExists, type SQL, sql } from 'drizzle-orm';
import type { ChangeRecord, PersonRecord } from '../domain/change/change.ts';
import type { ChangeState } from '../domain/change/types.ts';
import { COUNT_CAP, type ListPage } from '../domain/views/list-page.ts';
import { toChange } from './change-repo.ts';
import type { Database } from './client.ts';
import { inJson } from './json-in.ts';
import { changes, people, votes } from './schema.ts';

/** One page of a list, and how many items the whole list has (counted up to offset + COUNT_CAP). */
export type Page<T> = ListPage<T>;

/** How a list page is asked for. */
export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

/**
 * The bounded, indexed reads behind App Home, `/change list`, Teams' list and the approvers of a change
 * (issue 7: their cost must not grow with the number of open or closed changes). Each statement is
 * prepared once per connection.
 */
export function createListsRepository(database: Database) {
  const { db, sqlite } = database;

  const awaiting = and(
    eq(changes.state, 'authorise'),
    inJson(changes.boardId, 'boards'),
    sql`${changes.requesterId} <> ${sql.placeholder('personId')}`,
    notExists(
      db
        .select({ one: sql`1` })
        .from(votes)
        .where(
          and(
            eq(votes.changeId, changes.id),
            eq(votes.personId, sql.placeholder('personId')),
            eq(votes.version, changes.version),
          ),
        ),
    ),
  );
  const [awaitingPage, awaitingCount] = pageAndCount(awaiting);

  // The same list for a delegate: changes awaiting a vote of any of `voters` (the person and those who
  // delegated to them, each with their boards and the delegates their vote passes through), never the
  // person's own. Read only when someone has delegated to the person.
  const voter = (path: string) => sql.raw(`json_extract(v.value, '${path}')`);
  const awaitingAny = and(
    eq(changes.state, 'authorise'),
    sql`${changes.requesterId} <> ${sql.placeholder('personId')}`,
    sql`EXISTS (SELECT 1 FROM json_each(${sql.placeholder('voters')}) v
      WHERE ${changes.boardId} IN (SELECT value FROM json_each(v.value, '$.boards'))
        AND ${changes.requesterId} <> ${voter('$.id')}
        AND ${changes.requesterId} NOT IN (SELECT value FROM json_each(v.value, '$.via'))
        AND NOT EXISTS (SELECT 1 FROM ${votes} WHERE ${votes.changeId} = ${changes.id}
          AND ${votes.personId} = ${voter('$.id')} AND ${votes.version} = ${changes.version}))`,
  );
  const [awaitingAnyPage, awaitingAnyCount] = pageAndCount(awaitingAny);

  const mine = and(eq(changes.requesterId, sql.placeholder('personId')), inJson(changes.state, 'states'));
  const [minePage, mineCount] = pageAndCount(mine);

  const startingBetween = and(
    gte(changes.plannedStart, sql.placeholder('from')),
    lt(changes.plannedStart, sql.placeholder('to')),
    inJson(changes.state, 'states'),
  );
  const [startingPage, startingCount] = pageAndCount(startingBetween);

  const peopleByIdentity = db
    .select()
    .from(people)
    .where(
      sql`${inJson(people.slackUserId, 'slack')} OR ${inJson(people.teamsUserId, 'teams')} OR ${inJson(sql`lower(${people.email})`, 'emails')}`,
    )
    .prepare();

  /** A list's page (earliest window first) and its capped count, both prepared once for this filter. */
  function pageAndCount(where: SQL | undefined) {
    const page = db
      .select()
      .from(changes)
      .where(where)
      .orderBy(asc(changes.plannedStart), asc(changes.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare();
    return [page, capped(db.select({ one: sql`1` }).from(changes).where(where).toSQL())] as const;
  }

  /**
   * `SELECT count(*)` over at most offset + COUNT_CAP rows of the given query, prepared once on the raw
   * connection: a page far down a long list still learns whether another follows.
   */
  function capped(query: { sql: string; params: unknown[] }) {
    const statement = sqlite.prepare(`SELECT count(*) AS n FROM (${query.sql} LIMIT ?)`);
    return (named: Record<string, unknown>, offset: number) => {
      // drizzle's placeholders come back as objects naming them; bind them by position, in order.
      const values = query.params.map((p) =>
        typeof p === 'object' && p !== null && 'name' in p ? named[(p as { name: string }).name] : p,
      );
      return (statement.get(...values, offset + COUNT_CAP) as { n: number }).n;
    };
  }

  const json = (values: readonly unknown[]) => JSON.stringify(values);

  return {
    /** Changes in the given boards awaiting this person's vote on their current version (not their own). */
    awaitingVote(person: PersonRecord, boardIds: readonly string[], page: PageRequest): Page<ChangeRecord> {
      if (boardIds.length === 0) return { items: [], total: 0, offset: page.offset };
      const args = { personId: person.id, boards: json(boardIds) };
      return {
        items: awaitingPage.all({ ...args, ...page }).map(toChange),
        total: awaitingCount(args, page.offset),
        offset: page.offset,
      };
    },

    /**
     * Changes awaiting a vote the person may cast, for themselves or for someone who delegated to them
     * (`voters`: the person first, then each delegator with their boards and the delegates in between).
     */
    awaitingVoteOfAny(
      personId: number,
      voters: readonly { id: number; boards: readonly string[]; via: readonly number[] }[],
      page: PageRequest,
    ): Page<ChangeRecord> {
      const args = { personId, voters: JSON.stringify(voters) };
      return {
        items: awaitingAnyPage.all({ ...args, ...page }).map(toChange),
        total: awaitingAnyCount(args, page.offset),
        offset: page.offset,
      };
    },

    /** The person's own changes in the given states, earliest window first. */
    byRequester(personId: number, states: readonly ChangeState[], page: PageRequest): Page<ChangeRecord> {
      const args = { personId, states: json(states) };
      return {
        items: minePage.all({ ...args, ...page }).map(toChange),
        total: mineCount(args, page.offset),
        offset: page.offset,
      };
    },

    /** Changes in the given states whose window starts in [from, to). */
    startingBetween(
      from: Date,
      to: Date,
      states: readonly ChangeState[],
      page: PageRequest,
    ): Page<ChangeRecord> {
      // Placeholders bind as they are (no column mapping): the window bounds go in as milliseconds.
      const args = { from: from.getTime(), to: to.getTime(), states: json(states) };
      return {
        items: startingPage.all({ ...args, ...page }).map(toChange),
        total: startingCount(args, page.offset),
        offset: page.offset,
      };
    },

    /** Every person known by one of these Slack ids, Teams ids or (lower-cased) emails, in one read. */
    peopleByIdentities(ids: {
      slack: readonly string[];
      teams: readonly string[];
      emails: readonly string[];
    }): PersonRecord[] {
      if (ids.slack.length + ids.teams.length + ids.emails.length === 0) return [];
      return peopleByIdentity
        .all({ slack: json(ids.slack), teams: json(ids.teams), emails: json(ids.emails) })
        .map((row) => ({
          id: row.id,
          name: row.name,
          email: row.email,
          slackUserId: row.slackUserId,
          teamsUserId: row.teamsUserId,
          teamsChannelId: row.teamsChannelId,
          timezone: row.timezone,
          lastPlatform: row.lastPlatform,
        }));
    },
  };
}

export type ListsRepository = ReturnType<typeof createListsRepository>;
