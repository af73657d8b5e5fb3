import { createApiTokensRepository } from '../db/api-tokens-repo.ts';
import { createCardPostsRepository } from '../db/card-posts-repo.ts';
import { createChangeRepository } from '../db/change-repo.ts';
import type { Database } from '../db/client.ts';
import { createDeliveriesRepository } from '../db/deliveries-repo.ts';
import { createDeploymentsRepository } from '../db/deployments-repo.ts';
import { createListsRepository } from '../db/lists-repo.ts';
import type { PlatformIdentity } from '../db/people-repo.ts';
import { createPeopleRepository } from '../db/people-repo.ts';
import { createReleaseRepository } from '../db/release-repo.ts';
import { createScheduleRepository } from '../db/schedule-repo.ts';
import type { PersonRecord } from '../domain/change/change.ts';
import type { Platform } from '../domain/change/types.ts';
import type { Policy } from '../domain/policy/types.ts';

export function createRepositories(database: Database) {
  return {
    people: createPeopleRepository(database),
    changes: createChangeRepository(database),
    cardPosts: createCardPostsRepository(database),
    deliveries: createDeliveriesRepository(database),
    lists: createListsRepository(database),
    releases: createReleaseRepository(database),
    apiTokens: createApiTokensRepository(database),
    deployments: createDeploymentsRepository(database),
    schedule: createScheduleRepository(database),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

/** Everything a use case needs: storage, the policy, the clock, and a hook that wakes the job worker. */
export interface AppContext {
  readonly database: Database;
  readonly repos: Repositories;
  readonly policy: Policy;
  readonly clock: () => Date;
  /** Called after a transaction commits, so follow-up jobs run at once rather than at the next heartbeat. */
  readonly onCommit: () => void;
  /** The server's public base URL (PUBLIC_URL), for links such as the calendar feed; null when unknown. */
  readonly publicUrl?: string | null;
  /**
   * How long an App Home refresh waits before it runs (issue 7). Refreshes are coalesced per person while
   * they wait, so with a window each person's App Home is published at most once per window however many
   * votes land. 0 (the default) runs them at once; the job thread uses HOME_REFRESH_WINDOW_MS.
   */
  readonly homeRefreshDelayMs?: number;
}

/** The person acting, and where they acted from (kept in the audit trail). */
export interface Actor {
  readonly person: PersonRecord;
  readonly platform: Platform;
}

export function createAppContext(opts: {
  database: Database;
  policy: Policy;
  clock?: () => Date;
  onCommit?: () => void;
  publicUrl?: string | null;
  homeRefreshDelayMs?: number;
}): AppContext {
  return {
    ...(opts.homeRefreshDelayMs ? { homeRefreshDelayMs: opts.homeRefreshDelayMs } : {}),
    database: opts.database,
    repos: createRepositories(opts.database),
    policy: opts.policy,
    clock: opts.clock ?? (() => new Date()),
    onCommit: opts.onCommit ?? (() => {}),
    publicUrl: opts.publicUrl ?? null,
  };
}

/**
 * Runs `fn` as one synchronous IMMEDIATE transaction (the write lock is taken up front, so concurrent
 * writers queue instead of failing to upgrade), then wakes the worker once the commit is durable.
 */
export function inTransaction<T>(ctx: AppContext, fn: () => T): T {
  const result = ctx.database.sqlite.transaction(fn).immediate();
  ctx.onCommit();
  return result;
}

/**
 * Maps a platform identity to the person behind it (creating or linking by email) in its own IMMEDIATE
 * transaction, so concurrent first clicks by the same person never race into two people.
 */
export function resolveActor(ctx: AppContext, identity: PlatformIdentity): Actor {
  const person = ctx.database.sqlite
    .transaction(() => ctx.repos.people.resolve(identity, ctx.clock()))
    .immediate();
  return { person, platform: identity.platform };
}
