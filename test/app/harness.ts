import { type Actor, type AppContext, createAppContext, resolveActor } from '../../src/app/context.ts';
import type { Database } from '../../src/db/client.ts';
import type { Policy } from '../../src/domain/policy/types.ts';
import { makePolicy, NOW } from '../domain/fixtures.ts';
import { createTestDatabase } from '../helpers/db.ts';

/** A controllable clock starting at the domain fixtures' NOW. */
export function testClock(start: Date = NOW) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advanceMinutes: (m: number) => {
      now += m * 60_000;
    },
    set: (d: Date) => {
      now = d.getTime();
    },
  };
}

export interface AppHarness {
  readonly ctx: AppContext;
  readonly database: Database;
  readonly clock: ReturnType<typeof testClock>;
  slackActor(slackUserId: string, name: string, email?: string): Actor;
  teamsActor(teamsUserId: string, name: string, email?: string): Actor;
  close(): void;
}

/** A migrated in-memory database, the app context over it, and helpers to make people act. */
export function createAppHarness(opts: { policy?: Policy; database?: Database } = {}): AppHarness {
  const database = opts.database ?? createTestDatabase();
  const clock = testClock();
  const ctx = createAppContext({ database, policy: opts.policy ?? makePolicy(), clock: clock.now });
  return {
    ctx,
    database,
    clock,
    slackActor: (slackUserId, name, email) =>
      resolveActor(ctx, { platform: 'slack', slackUserId, name, email: email ?? null }),
    teamsActor: (teamsUserId, name, email) =>
      resolveActor(ctx, { platform: 'teams', teamsUserId, name, email: email ?? null }),
    close: () => database.close(),
  };
}
