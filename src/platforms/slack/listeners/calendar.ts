import { z } from 'zod';
import { calendarArgs, calendarPage } from '../../../app/schedule/calendar.ts';
import { createFeedToken, feedUrl, revokeFeedTokens } from '../../../app/schedule/feed-tokens.ts';
import { COMMAND } from '../ids.ts';
import { renderCalendarBlocks } from '../render/calendar.ts';
import type { SlackMessage } from '../render/card.ts';
import { noteMessage } from '../render/command-text.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import type { SlackListeners } from './router.ts';

const PageSchema = z.object({
  days: z.number().int().min(1).max(60),
  page: z.number().int().min(1),
});

async function calendarMessage(
  deps: ListenerDeps,
  userId: string,
  days: number,
  page: number,
): Promise<SlackMessage> {
  const { person } = await deps.identity.actorFor(userId);
  const timeZone = person.timezone ?? deps.ctx.policy.defaults.timezone;
  const calendar = calendarPage(deps.ctx, { days, page, timeZone });
  const blocks = renderCalendarBlocks(calendar, { withHeader: true, pageButtons: true });
  return { text: `Change calendar: the next ${days} days`, blocks };
}

/**
 * `/change calendar [days] [page]`: the change schedule by day. `/change calendar feed` makes a secret ICS
 * feed URL for a calendar app; `/change calendar revoke` revokes every feed URL the person made.
 */
export async function calendarCommand(
  deps: ListenerDeps,
  userId: string,
  words: readonly string[],
): Promise<SlackMessage> {
  const first = (words[0] ?? '').toLowerCase();
  if (first === 'feed') {
    const { person } = await deps.identity.actorFor(userId);
    const url = feedUrl(deps.ctx.publicUrl, createFeedToken(deps.ctx, person, 'slack'));
    const host = deps.ctx.publicUrl
      ? ''
      : ' (on this server: PUBLIC_URL is not set, so add its address in front)';
    return noteMessage(
      `:calendar: Your secret calendar feed${host}:\n\`${url}\`\nSubscribe to it from Outlook or Google Calendar ("From URL"). Anyone with this link can read the change schedule: \`${COMMAND} calendar revoke\` turns off every feed link you made.`,
    );
  }
  if (first === 'revoke') {
    const { person } = await deps.identity.actorFor(userId);
    const count = revokeFeedTokens(deps.ctx, person, 'slack');
    return noteMessage(
      count === 0
        ? 'You have no calendar feed links to revoke.'
        : `:lock: Revoked ${count} calendar feed link${count === 1 ? '' : 's'}: calendar apps using ${count === 1 ? 'it' : 'them'} now get 401.`,
    );
  }
  const { days, page } = calendarArgs(words.filter((w) => w !== ''));
  return calendarMessage(deps, userId, days, page);
}

/** The calendar's page buttons: the private message is replaced by the page asked for. */
export function registerCalendar(app: SlackListeners, deps: ListenerDeps): void {
  app.action(
    /^calendar\.page\.(prev|next)$/,
    buttonListener(deps, 'calendar page', async (args: ButtonArgs) => {
      await args.ack();
      let raw: unknown = null;
      try {
        raw = JSON.parse(args.action.value ?? 'null');
      } catch {
        raw = null;
      }
      const parsed = PageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = await calendarMessage(deps, args.body.user.id, parsed.data.days, parsed.data.page);
      await args.respond({ response_type: 'ephemeral', replace_original: true, ...message });
    }),
  );
}
