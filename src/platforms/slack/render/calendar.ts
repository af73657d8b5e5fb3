import type { CalendarPage } from '../../../app/schedule/calendar.ts';
import { type CalendarEntry, conflictSummary } from '../../../domain/schedule/calendar.ts';
import { type Block, button, context, header, section } from './blocks.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitLines, oneLine } from './mrkdwn.ts';

export const CALENDAR_ACTION = { page: 'calendar.page' } as const;

/** What a page button carries: which calendar and page to show (no state). */
export const encodeCalendarPage = (days: number, page: number): string => JSON.stringify({ days, page });

function entryLine(entry: CalendarEntry): string {
  switch (entry.kind) {
    case 'freeze': {
      const level = entry.level === 'hard' ? 'hard freeze' : 'soft freeze';
      return `:snowflake: *${escapeMrkdwn(oneLine(entry.name))}* (${level}, ${escapeMrkdwn(entry.scope)}) ${entry.when}`;
    }
    case 'maintenance':
      return `:wrench: ${escapeMrkdwn(oneLine(entry.name))} (${escapeMrkdwn(entry.services)}) ${entry.when}`;
    case 'item': {
      const facts = [...(entry.item.details ?? []), entry.stateLabel].map(escapeMrkdwn).join(' · ');
      const flag =
        entry.conflicts.length > 0
          ? `\n    :warning: conflicts with ${escapeMrkdwn(conflictSummary(entry.conflicts))}`
          : '';
      return `*${entry.item.key}* ${escapeMrkdwn(oneLine(entry.item.title))} · ${facts} · ${entry.when}${flag}`;
    }
  }
}

/** The change calendar as Block Kit: one section per day, conflicts flagged, and buttons for the other pages. */
export function renderCalendarBlocks(
  page: CalendarPage,
  opts: { withHeader: boolean; pageButtons: boolean },
): Block[] {
  const { view } = page;
  const blocks: Block[] = [];
  if (opts.withHeader)
    blocks.push(header(`Change calendar: the next ${view.days} day${view.days === 1 ? '' : 's'}`));
  const summary = [
    `${view.itemCount} scheduled item${view.itemCount === 1 ? '' : 's'}`,
    view.conflictCount > 0 ? `:warning: ${view.conflictCount} with conflicts` : 'no conflicts',
    `times in ${escapeMrkdwn(view.timeZone)}`,
    ...(view.pageCount > 1 ? [`page ${view.page} of ${view.pageCount}`] : []),
  ];
  blocks.push(context([summary.join(' · ')]));
  if (page.incomplete)
    blocks.push(
      context([':warning: More items than one calendar can hold: ask for fewer days to see them all.']),
    );
  for (const day of view.shown) {
    const lines = day.entries.length === 0 ? ['_Nothing scheduled._'] : day.entries.map(entryLine);
    blocks.push(section(`*${day.label}*\n${fitLines(lines, LIMITS.sectionText - day.label.length - 4)}`));
  }
  if (opts.pageButtons && view.pageCount > 1) {
    const buttons = [
      ...(view.page > 1
        ? [
            button(
              'Previous page',
              `${CALENDAR_ACTION.page}.prev`,
              encodeCalendarPage(view.days, view.page - 1),
            ),
          ]
        : []),
      ...(view.page < view.pageCount
        ? [button('Next page', `${CALENDAR_ACTION.page}.next`, encodeCalendarPage(view.days, view.page + 1))]
        : []),
    ];
    blocks.push({ type: 'actions', block_id: 'calendar.pages', elements: buttons });
  }
  return blocks;
}
