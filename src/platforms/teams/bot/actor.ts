import { type TeamsChannelAccount, TeamsInfo, type TurnContext } from 'botbuilder';
import type { Actor, AppContext } from '../../../app/context.ts';
import type { PersonRecord } from '../../../domain/change/change.ts';
import { isTimeZone } from '../../../domain/time/zoned-time.ts';
import type { Logger } from '../../../log.ts';

/** A member lookup must not eat the 5 s an invoke has; past this the person is resolved without an email. */
const LOOKUP_TIMEOUT_MS = 2_000;
/** Someone whose directory entry has no email is not looked up again on every click. */
const NEGATIVE_CACHE_MS = 60 * 60 * 1000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface ActorResolver {
  /**
   * The person behind the activity. Their email comes from the Teams roster (`TeamsInfo.getMember`) the first
   * time, which links them to the same person on Slack; later turns need no call. `lookup: false` never calls
   * out (card refreshes Teams fires on its own, which must answer fast).
   */
  resolve(context: TurnContext, opts?: { lookup?: boolean }): Promise<Actor | null>;
}

export function createActorResolver(ctx: AppContext, log: Logger): ActorResolver {
  const noEmailUntil = new Map<string, number>();

  async function memberOf(context: TurnContext, userId: string): Promise<TeamsChannelAccount | null> {
    try {
      return await withTimeout(TeamsInfo.getMember(context, userId), LOOKUP_TIMEOUT_MS);
    } catch (error) {
      log.warn('could not read the Teams member; continuing without an email', { userId, error });
      return null;
    }
  }

  // isTimeZone keeps one formatter per zone: building one on every turn would cost the ack path tens of
  // microseconds and native memory each time.
  const validZone = (name: string | undefined): string | null => (name && isTimeZone(name) ? name : null);

  return {
    async resolve(context, opts = {}) {
      const from = context.activity.from;
      if (!from?.id) return null;
      const teamsUserId = from.aadObjectId ?? from.id;
      // Teams clients send their IANA zone: reminders honour it (working hours in the approver's own zone).
      const timezone = validZone(context.activity.localTimezone);
      const known = ctx.repos.people.findByIdentity({ platform: 'teams', teamsUserId, name: '' });
      let name = from.name || known?.name || 'Someone';
      let email: string | null = known?.email ?? null;
      const blocked = (noEmailUntil.get(teamsUserId) ?? 0) > Date.now();
      if (email === null && opts.lookup !== false && !blocked) {
        const member = await memberOf(context, from.id);
        email = member?.email || member?.userPrincipalName || null;
        if (member?.name) name = member.name;
        if (email === null) noEmailUntil.set(teamsUserId, Date.now() + NEGATIVE_CACHE_MS);
      }
      if (
        known &&
        known.name === name &&
        known.teamsChannelId === from.id &&
        (email === null || known.email === email) &&
        (!timezone || known.timezone === timezone)
      ) {
        return { person: known, platform: 'teams' };
      }
      const person: PersonRecord = ctx.database.sqlite
        .transaction(() =>
          ctx.repos.people.resolve(
            { platform: 'teams', teamsUserId, teamsChannelId: from.id, name, email, timezone },
            ctx.clock(),
          ),
        )
        .immediate();
      return { person, platform: 'teams' };
    },
  };
}
