import type { webApi } from '@slack/bolt';
import type { Actor, AppContext } from '../../app/context.ts';
import type { PlatformIdentity } from '../../db/people-repo.ts';

type SlackIdentity = Extract<PlatformIdentity, { platform: 'slack' }>;

/** Profiles change rarely; an hour keeps names and emails fresh without a users.info call per click. */
const CACHE_MS = 60 * 60 * 1000;

export interface IdentityResolver {
  /** The person behind a Slack user id (users.info → people.resolve, linked by email across platforms). */
  actorFor(slackUserId: string): Promise<Actor>;
}

/**
 * Links a Slack user to a person by email (users.info), so the same human on Teams counts once. Profiles are
 * cached per process; the database resolve runs in its own short transaction every time.
 */
export function createIdentityResolver(ctx: AppContext, client: webApi.WebClient): IdentityResolver {
  const cache = new Map<string, { identity: SlackIdentity; until: number }>();
  const pending = new Map<string, Promise<SlackIdentity>>();

  async function fetchIdentity(slackUserId: string): Promise<SlackIdentity> {
    const res = await client.users.info({ user: slackUserId });
    const user = res.user;
    if (!user) throw new Error(`users.info returned no user for ${slackUserId}`);
    const profile = user.profile ?? {};
    const name = profile.display_name || profile.real_name || user.real_name || user.name || slackUserId;
    return { platform: 'slack', slackUserId, name, email: profile.email ?? null, timezone: user.tz ?? null };
  }

  async function identityOf(slackUserId: string): Promise<SlackIdentity> {
    const now = Date.now();
    const hit = cache.get(slackUserId);
    if (hit && hit.until > now) return hit.identity;
    // Concurrent clicks by one person share one users.info call.
    let inFlight = pending.get(slackUserId);
    if (!inFlight) {
      inFlight = fetchIdentity(slackUserId).finally(() => pending.delete(slackUserId));
      pending.set(slackUserId, inFlight);
    }
    const identity = await inFlight;
    cache.set(slackUserId, { identity, until: now + CACHE_MS });
    return identity;
  }

  return {
    async actorFor(slackUserId) {
      const identity = await identityOf(slackUserId);
      // A known person acting again changes nothing: no write lock on the ack path.
      const known = ctx.repos.people.current(identity);
      if (known) return { person: known, platform: 'slack' };
      // IMMEDIATE: a deferred read-then-write fails at once ("database is locked") when the job thread's
      // connection wrote in between; taking the write lock first makes it wait its turn instead.
      const person = ctx.database.sqlite
        .transaction(() => ctx.repos.people.resolve(identity, ctx.clock()))
        .immediate();
      return { person, platform: 'slack' };
    },
  };
}
