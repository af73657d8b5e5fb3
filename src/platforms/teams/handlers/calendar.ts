import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { calendarArgs, calendarPage } from '../../../app/schedule/calendar.ts';
import { createFeedToken, feedUrl, revokeFeedTokens } from '../../../app/schedule/feed-tokens.ts';
import { conversationKind, timeZoneOf } from '../bot/activity-info.ts';
import { cardReply, type InvokeBody } from '../errors.ts';
import type { AdaptiveCard } from '../render/adaptive-card.ts';
import { renderCalendarCard } from '../render/calendar-card.ts';
import type { TurnDeps } from './turn-deps.ts';

const page = (context: TurnContext, deps: TurnDeps, days: number, n: number): AdaptiveCard =>
  renderCalendarCard(
    calendarPage(deps.ctx, {
      days,
      page: n,
      timeZone: timeZoneOf(context.activity, deps.ctx.policy.defaults.timezone),
    }),
  );

/**
 * "calendar [days] [page]": the change schedule by day, in the sender's Teams time zone. "calendar feed"
 * makes a secret ICS feed URL; "calendar revoke" revokes every feed URL the person made.
 */
export function calendarCommand(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  words: readonly string[],
): AdaptiveCard | string {
  const first = (words[0] ?? '').toLowerCase();
  if (first === 'feed') {
    // A secret link must not be posted where others read it.
    if (conversationKind(context.activity) !== 'personal')
      return 'Your calendar feed link is secret: ask me for it in our personal chat ("calendar feed").';
    const url = feedUrl(deps.ctx.publicUrl, createFeedToken(deps.ctx, actor.person, 'teams'));
    const host = deps.ctx.publicUrl ? '' : ' (PUBLIC_URL is not set: put this server’s address in front)';
    return `Your secret calendar feed${host}: ${url} — subscribe to it from Outlook or Google Calendar. Anyone with the link can read the change schedule; "calendar revoke" turns off every feed link you made.`;
  }
  if (first === 'revoke') {
    const count = revokeFeedTokens(deps.ctx, actor.person, 'teams');
    return count === 0
      ? 'You have no calendar feed links to revoke.'
      : `Revoked ${count} calendar feed link${count === 1 ? '' : 's'}: calendar apps using ${count === 1 ? 'it' : 'them'} now get 401.`;
  }
  const { days, page: n } = calendarArgs(words.filter((w) => w !== ''));
  return page(context, deps, days, n);
}

/** A calendar card's page button: the page asked for, in the clicker's time zone. */
export function calendarPageReply(
  context: TurnContext,
  deps: TurnDeps,
  data: Readonly<Record<string, unknown>>,
): InvokeBody {
  const { days, page: n } = calendarArgs([String(data.days ?? ''), String(data.page ?? '')]);
  return cardReply(page(context, deps, days, n));
}
