import type { CalendarPage } from '../../../app/schedule/calendar.ts';
import { type CalendarEntry, conflictSummary } from '../../../domain/schedule/calendar.ts';
import { type AdaptiveCard, type CardElement, card } from './adaptive-card.ts';
import { systemText, userText } from './text.ts';

/** At most this many entries of one day are shown; the rest is counted, never dropped silently. */
const ENTRIES_PER_DAY = 30;

function entryElement(entry: CalendarEntry): CardElement {
  switch (entry.kind) {
    case 'freeze': {
      const level = entry.level === 'hard' ? 'hard freeze' : 'soft freeze';
      return userText(`❄️ ${entry.name} (${level}, ${entry.scope}) ${entry.when}`, {
        size: 'small',
        spacing: 'none',
      });
    }
    case 'maintenance':
      return userText(`🔧 ${entry.name} (${entry.services}) ${entry.when}`, {
        size: 'small',
        spacing: 'none',
      });
    case 'item': {
      const facts = [...(entry.item.details ?? []), entry.stateLabel].join(' · ');
      const flag = entry.conflicts.length > 0 ? ` ⚠️ conflicts with ${conflictSummary(entry.conflicts)}` : '';
      return userText(`${entry.item.key} ${entry.item.title} · ${facts} · ${entry.when}${flag}`, {
        size: 'small',
        spacing: 'none',
      });
    }
  }
}

/** The change calendar as an Adaptive Card: a container per day, conflicts flagged, buttons for other pages. */
export function renderCalendarCard(calendar: CalendarPage): AdaptiveCard {
  const { view } = calendar;
  const body: CardElement[] = [
    systemText(`Change calendar: the next ${view.days} day${view.days === 1 ? '' : 's'}`, {
      style: 'heading',
      size: 'large',
      weight: 'bolder',
    }),
    systemText(
      [
        `${view.itemCount} scheduled item${view.itemCount === 1 ? '' : 's'}`,
        view.conflictCount > 0 ? `⚠️ ${view.conflictCount} with conflicts` : 'no conflicts',
        `times in ${view.timeZone}`,
        ...(view.pageCount > 1 ? [`page ${view.page} of ${view.pageCount}`] : []),
      ].join(' · '),
      { isSubtle: true, size: 'small' },
    ),
  ];
  if (calendar.incomplete)
    body.push(systemText('⚠️ More items than one calendar can hold: ask for fewer days to see them all.'));
  for (const day of view.shown) {
    const shown = day.entries.slice(0, ENTRIES_PER_DAY);
    const items: CardElement[] = [
      systemText(`**${day.label}**`),
      ...(shown.length === 0
        ? [systemText('Nothing scheduled.', { isSubtle: true, size: 'small', spacing: 'none' })]
        : []),
      ...shown.map(entryElement),
    ];
    if (day.entries.length > shown.length)
      items.push(
        systemText(`…and ${day.entries.length - shown.length} more`, { size: 'small', spacing: 'none' }),
      );
    body.push({ type: 'Container', items });
  }
  const actions = [
    ...(view.page > 1
      ? [
          {
            type: 'Action.Execute' as const,
            title: 'Previous page',
            verb: 'calendar_page' as const,
            data: { days: view.days, page: view.page - 1 },
          },
        ]
      : []),
    ...(view.page < view.pageCount
      ? [
          {
            type: 'Action.Execute' as const,
            title: 'Next page',
            verb: 'calendar_page' as const,
            data: { days: view.days, page: view.page + 1 },
          },
        ]
      : []),
  ];
  return card({ body, actions, fallbackText: `Change calendar: the next ${view.days} days` });
}
