import { and, asc, eq, gt, gte, inArray, isNull, lt, ne, notExists, type SQL, sql } from 'drizzle-orm';
import type { ChangeState, ChangeType, RiskLevel } from '../domain/change/types.ts';
import { MAX_WINDOW_DAYS } from '../domain/change/validate-draft.ts';
import type { Interval } from '../domain/schedule/types.ts';
import type { Database } from './client.ts';
import { inJson } from './json-in.ts';
import {
  calendarFeedTokens,
  changeScheduleNotes,
  changes,
  changeWindows,
  scheduleGeneration,
} from './schema.ts';

/** No change window is longer than this, so a window starting earlier cannot reach into a range: the lower bound. */
const LOOKBACK_MS = MAX_WINDOW_DAYS * 86_400_000;

/** What the schedule needs of a change: no plans, no votes. */
export interface ScheduledChangeRow {
  readonly id: number;
  readonly version: number;
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly title: string;
  readonly riskLevel: RiskLevel;
  readonly services: string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const columns = {
  id: changes.id,
  version: changes.version,
  type: changes.type,
  state: changes.state,
  title: changes.title,
  riskLevel: changes.riskLevel,
  services: changes.services,
  plannedStart: changes.plannedStart,
  plannedEnd: changes.plannedEnd,
  createdAt: changes.createdAt,
  updatedAt: changes.updatedAt,
};

const typed = (row: { state: string; riskLevel: string }) => row as unknown as ScheduledChangeRow;

export interface ScheduleNote {
  readonly version: number;
  readonly freezeJustification: string | null;
  readonly freezes: readonly string[];
}

/** The overlap condition on change_windows for placeholders from, to and start (see windowParams). */
/** The placeholders of `overlapping` for a range: windows starting from range.start − the longest window. */
const windowParams = (range: Interval) => ({
  from: range.start.getTime() - LOOKBACK_MS,
  to: range.end.getTime(),
  start: range.start.getTime(),
});

const byStart = (a: ScheduledChangeRow, b: ScheduledChangeRow) =>
  a.plannedStart.getTime() - b.plannedStart.getTime() || a.id - b.id;

const overlapping = () =>
  and(
    gte(changeWindows.plannedStart, sql.placeholder('from')),
    lt(changeWindows.plannedStart, sql.placeholder('to')),
    gt(changeWindows.plannedEnd, sql.placeholder('start')),
  );

/**
 * The conflict lookup for one service: a range scan on change_windows(service, planned_start), joined to the
 * changes by primary key, with `also` conditions. Exported so a test can check its query plan.
 */
export function touchingQuery(database: Database, ...also: SQL[]) {
  return database.db
    .select(columns)
    .from(changeWindows)
    .innerJoin(changes, eq(changes.id, changeWindows.changeId))
    .where(and(eq(changeWindows.service, sql.placeholder('service')), overlapping(), ...also));
}

/**
 * How many other changes in `states` (JSON) overlap a window on any of `services` (JSON): one statement, a range
 * scan of the (service, planned_start) index per service. Exported so a test can check its query plan.
 */
export function countTouchingQuery(database: Database) {
  return database.db
    .select({ n: sql<number>`count(DISTINCT ${changeWindows.changeId})` })
    .from(changeWindows)
    .innerJoin(changes, eq(changes.id, changeWindows.changeId))
    .where(
      and(
        inJson(changeWindows.service, 'services'),
        overlapping(),
        ne(changeWindows.changeId, sql.placeholder('self')),
        inJson(changes.state, 'states'),
      ),
    );
}

/** The change schedule's storage: the per-service window index, schedule notes and calendar feed tokens. */
export function createScheduleRepository(database: Database) {
  const { db } = database;

  function replaceChangeWindows(changeId: number, services: readonly string[], window: Interval): void {
    db.delete(changeWindows).where(eq(changeWindows.changeId, changeId)).run();
    if (services.length === 0) return;
    db.insert(changeWindows)
      .values(
        [...new Set(services)].map((service) => ({
          changeId,
          service,
          plannedStart: window.start,
          plannedEnd: window.end,
        })),
      )
      .run();
  }

  const touching = touchingQuery(database).prepare();
  const firstTouching = touchingQuery(
    database,
    ne(changeWindows.changeId, sql.placeholder('self')),
    inJson(changes.state, 'states'),
  )
    .orderBy(asc(changeWindows.plannedStart), asc(changeWindows.changeId))
    .limit(sql.placeholder('limit'))
    .prepare();
  const countTouching = countTouchingQuery(database).prepare();
  const generationQuery = db
    .select({ value: scheduleGeneration.value })
    .from(scheduleGeneration)
    .where(eq(scheduleGeneration.id, 1))
    .prepare();

  /** The schedule's change count (triggers bump it): a view computed at this count is still right. */
  function generation(): number {
    return generationQuery.get()?.value ?? 0;
  }

  /**
   * Changes in `states` on any of `services` whose window overlaps `range`: per service, one prepared range scan
   * on (service, planned_start) between range.start − the longest window and range.end.
   */
  function changesTouching(
    services: readonly string[],
    range: Interval,
    states: readonly ChangeState[],
  ): ScheduledChangeRow[] {
    const byId = new Map<number, ScheduledChangeRow>();
    const params = windowParams(range);
    for (const service of new Set(services)) {
      for (const row of touching.all({ service, ...params }).map(typed))
        if (states.includes(row.state)) byId.set(row.id, row);
    }
    return [...byId.values()].sort(byStart);
  }

  /**
   * The first `limit` other changes (by start) in `states` overlapping `range` on any of `services`, and how many
   * there are in all: a card names a few and counts the rest, at the same cost with ten overlaps or a thousand.
   */
  function firstChangesTouching(
    services: readonly string[],
    range: Interval,
    states: readonly ChangeState[],
    opts: { readonly excluding: number; readonly limit: number },
  ): { readonly first: ScheduledChangeRow[]; readonly count: number } {
    const params = { ...windowParams(range), self: opts.excluding, states: JSON.stringify(states) };
    const byId = new Map<number, ScheduledChangeRow>();
    // Each service's first `limit` hold the overall first `limit` of that service: merged, they hold the first.
    for (const service of new Set(services))
      for (const row of firstTouching.all({ service, limit: opts.limit, ...params }).map(typed))
        byId.set(row.id, row);
    const first = [...byId.values()].sort(byStart).slice(0, opts.limit);
    const count = countTouching.get({ services: JSON.stringify([...new Set(services)]), ...params })?.n ?? 0;
    return { first, count };
  }

  /** Changes (optionally in `states`) whose window overlaps `range`, on the planned-start index; at most `limit`. */
  function changesBetween(
    range: Interval,
    limit: number,
    states?: readonly ChangeState[],
  ): ScheduledChangeRow[] {
    return db
      .select(columns)
      .from(changes)
      .where(
        and(
          gte(changes.plannedStart, new Date(range.start.getTime() - LOOKBACK_MS)),
          lt(changes.plannedStart, range.end),
          gt(changes.plannedEnd, range.start),
          states ? inArray(changes.state, [...states]) : undefined,
        ),
      )
      .orderBy(asc(changes.plannedStart), asc(changes.id))
      .limit(limit)
      .all()
      .map(typed);
  }

  function saveNote(changeId: number, note: ScheduleNote, at: Date): void {
    const values = {
      version: note.version,
      freezeJustification: note.freezeJustification,
      freezes: [...note.freezes],
      updatedAt: at,
    };
    db.insert(changeScheduleNotes)
      .values({ changeId, ...values })
      .onConflictDoUpdate({ target: changeScheduleNotes.changeId, set: values })
      .run();
  }

  const noteById = db
    .select({
      version: changeScheduleNotes.version,
      freezeJustification: changeScheduleNotes.freezeJustification,
      freezes: changeScheduleNotes.freezes,
    })
    .from(changeScheduleNotes)
    .where(eq(changeScheduleNotes.changeId, sql.placeholder('changeId')))
    .prepare();

  /** Read on every card render, so prepared once. */
  function noteOf(changeId: number): ScheduleNote | null {
    return noteById.get({ changeId }) ?? null;
  }

  function addFeedToken(personId: number, tokenHash: string, at: Date): void {
    db.insert(calendarFeedTokens).values({ personId, tokenHash, createdAt: at }).run();
  }

  /** Revokes every live feed token of the person; returns how many. */
  function revokeFeedTokens(personId: number, at: Date): number {
    return db
      .update(calendarFeedTokens)
      .set({ revokedAt: at })
      .where(and(eq(calendarFeedTokens.personId, personId), isNull(calendarFeedTokens.revokedAt)))
      .run().changes;
  }

  /** The live (unrevoked) token rows, hash included, for a constant-time comparison by the caller. */
  function liveFeedTokenByHash(tokenHash: string): { personId: number; tokenHash: string } | null {
    return (
      db
        .select({ personId: calendarFeedTokens.personId, tokenHash: calendarFeedTokens.tokenHash })
        .from(calendarFeedTokens)
        .where(and(eq(calendarFeedTokens.tokenHash, tokenHash), isNull(calendarFeedTokens.revokedAt)))
        .get() ?? null
    );
  }

  /** Changes in `states` that have no rows in the window index yet (raised before it existed). */
  function changesWithoutWindows(states: readonly ChangeState[]): ScheduledChangeRow[] {
    return db
      .select(columns)
      .from(changes)
      .where(
        and(
          inArray(changes.state, [...states]),
          notExists(
            db.select({ one: sql`1` }).from(changeWindows).where(eq(changeWindows.changeId, changes.id)),
          ),
        ),
      )
      .all()
      .map(typed);
  }

  return {
    changesWithoutWindows,
    replaceChangeWindows,
    generation,
    changesTouching,
    firstChangesTouching,
    changesBetween,
    saveNote,
    noteOf,
    addFeedToken,
    revokeFeedTokens,
    liveFeedTokenByHash,
  };
}

export type ScheduleRepository = ReturnType<typeof createScheduleRepository>;
