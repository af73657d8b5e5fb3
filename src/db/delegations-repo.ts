import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import type { Delegation } from '../domain/approval/delegation.ts';
import type { Database } from './client.ts';
import { delegations, people, voteProxies } from './schema.ts';
import { cachedStatement } from './statement-cache.ts';

/** Delegations of votes, and who cast the votes recorded for a delegator. */
export function createDelegationsRepository(database: Database) {
  const { db } = database;
  return {
    /** Every delegation not over at `at` (still to come or in force); a short list, bounded by who is away. */
    listCurrent(at: Date): Delegation[] {
      // On the vote path: prepared once per connection.
      const statement = cachedStatement(db, 'delegations.current', (d) =>
        d
          .select()
          .from(delegations)
          .where(
            and(
              gt(delegations.endsAt, sql.placeholder('at')),
              or(isNull(delegations.endedAt), gt(delegations.endedAt, sql.placeholder('at'))),
            ),
          )
          .prepare(),
      );
      return statement.all({ at: at.getTime() });
    },
    insert(d: Omit<Delegation, 'id' | 'endedAt'>, at: Date): Delegation {
      return db
        .insert(delegations)
        .values({ ...d, endedAt: null, createdAt: at })
        .returning()
        .get();
    },
    /** The person behind a Teams account (an @mention carries the 29:… id, sometimes the Entra object id). */
    personIdByTeamsAccount(id: string): number | null {
      const row = db
        .select({ id: people.id })
        .from(people)
        .where(or(eq(people.teamsChannelId, id), eq(people.teamsUserId, id)))
        .get();
      return row?.id ?? null;
    },
    end(id: number, at: Date): void {
      db.update(delegations).set({ endedAt: at }).where(eq(delegations.id, id)).run();
    },
    recordProxy(p: { changeId: number; personId: number; version: number; castById: number }): void {
      db.insert(voteProxies).values(p).run();
    },
    /** For one change: who cast each vote recorded for someone else, by `personId:version`. */
    proxiesOf(changeId: number): Map<string, string> {
      const statement = cachedStatement(db, 'vote_proxies.of_change', (d) =>
        d
          .select({ personId: voteProxies.personId, version: voteProxies.version, by: people.name })
          .from(voteProxies)
          .innerJoin(people, eq(people.id, voteProxies.castById))
          .where(eq(voteProxies.changeId, sql.placeholder('changeId')))
          .prepare(),
      );
      const rows = statement.all({ changeId });
      return new Map(rows.map((r) => [`${r.personId}:${r.version}`, r.by]));
    },
  };
}

export type DelegationsRepository = ReturnType<typeof createDelegationsRepository>;
