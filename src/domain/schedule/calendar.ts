import type { Policy } from '../policy/types.ts';
import { freezesIn } from './conflicts.ts';
import { formatWindow, localDay, scheduleFormatter } from './format.ts';
import { occurrencesIn, overlaps } from './occurrences.ts';
import type { FreezeLevel, Interval, ScheduledItem } from './types.ts';

export type CalendarEntry =
  | {
      readonly kind: 'item';
      readonly item: ScheduledItem;
      readonly stateLabel: string;
      readonly when: string;
      /** Keys of other items it overlaps on a shared service, and freezes it is inside. */
      readonly conflicts: readonly string[];
    }
  | {
      readonly kind: 'freeze';
      readonly name: string;
      readonly level: FreezeLevel;
      readonly scope: string;
      readonly when: string;
    }
  | { readonly kind: 'maintenance'; readonly name: string; readonly services: string; readonly when: string };

export interface CalendarDay {
  /** YYYY-MM-DD in the reader's zone. */
  readonly day: string;
  /** "Tue 3 Mar". */
  readonly label: string;
  readonly entries: readonly CalendarEntry[];
}

/** One page of the calendar: whole days, so a day is never split across pages. */
export interface CalendarView {
  readonly days: number;
  readonly timeZone: string;
  readonly page: number;
  readonly pageCount: number;
  readonly shown: readonly CalendarDay[];
  /** Items counted over every page, for the header. */
  readonly itemCount: number;
  readonly conflictCount: number;
}

const DAY_MS = 86_400_000;
const NAMED_CONFLICTS = 5;

/** "CHG-2, CHG-3 and 12 more": the conflicts of an entry, short enough for one line of a calendar. */
export function conflictSummary(conflicts: readonly string[]): string {
  const named = conflicts.slice(0, NAMED_CONFLICTS).join(', ');
  const rest = conflicts.length - NAMED_CONFLICTS;
  return rest > 0 ? `${named} and ${rest} more` : named;
}

function dayLabel(day: string): string {
  const at = new Date(`${day}T12:00:00Z`);
  return scheduleFormatter('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(at);
}

/** The reader's local days from `from`, `count` of them, as YYYY-MM-DD (a DST day has 23 or 25 hours). */
function daysFrom(from: Date, count: number, timeZone: string): string[] {
  const out: string[] = [];
  for (let t = from.getTime(); out.length < count; t += DAY_MS / 2) {
    const day = localDay(new Date(t), timeZone);
    if (!out.includes(day)) out.push(day);
  }
  return out;
}

/**
 * ITIL change schedule, conflicts: for each item, the keys of the others it overlaps on a shared service.
 * A sweep over the items by start compares each only with those that start before it ends, so a calendar
 * of hundreds of items costs its overlaps, not the square of its size.
 */
export function conflictsAmong(items: readonly ScheduledItem[]): string[][] {
  const out: string[][] = items.map(() => []);
  // Only work still holding its window conflicts: a change closed early in it leaves the slot free, as the
  // form's own conflict check reads it.
  const order = items
    .map((_, i) => i)
    .filter((i) => !items[i]!.past && !items[i]!.withdrawn)
    .sort((a, b) => items[a]!.window.start.getTime() - items[b]!.window.start.getTime());
  for (let x = 0; x < order.length; x++) {
    const i = order[x]!;
    const a = items[i]!;
    const end = a.window.end.getTime();
    for (let y = x + 1; y < order.length; y++) {
      const j = order[y]!;
      const b = items[j]!;
      if (b.window.start.getTime() >= end) break;
      if (b.services.some((s) => a.services.includes(s)) && overlaps(a.window, b.window)) {
        out[i]!.push(b.key);
        out[j]!.push(a.key);
      }
    }
  }
  return out;
}

/**
 * ITIL change schedule, as a calendar: the next `days` days in the reader's zone, each with the changes and
 * releases (type, risk, state) whose window touches it, the freezes and the maintenance windows, conflicts
 * flagged. Paged by whole days at about `pageSize` entries, so a long calendar is never cut off silently.
 */
export function buildCalendar(input: {
  readonly policy: Policy;
  readonly items: readonly ScheduledItem[];
  readonly from: Date;
  readonly days: number;
  readonly timeZone: string;
  readonly page: number;
  readonly pageSize: number;
  readonly stateLabel: (item: ScheduledItem) => string;
  readonly serviceName: (id: string) => string;
}): CalendarView {
  const { policy, timeZone } = input;
  const range: Interval = { start: input.from, end: new Date(input.from.getTime() + input.days * DAY_MS) };
  const freezes = freezesIn(policy, 'all', range);
  const maintenance = (policy.maintenanceWindows ?? []).flatMap((m) =>
    occurrencesIn(m.timing, range).map((occurrence) => ({ window: m, occurrence })),
  );
  const conflicts = conflictsAmong(input.items);
  const freezeConflicts = (item: ScheduledItem): string[] =>
    freezes
      .filter(
        (h) =>
          (h.freeze.services === 'all' || h.freeze.services.some((s) => item.services.includes(s))) &&
          overlaps(h.occurrence, item.window),
      )
      .map((h) => h.freeze.name);
  // Entries are made only for the page shown: a calendar of hundreds of items formats a page's worth.
  const entries: { day: string; make: () => CalendarEntry; kind: CalendarEntry['kind']; start: number }[] =
    [];
  const dayList = daysFrom(input.from, input.days, timeZone);
  const onDays = (window: Interval): string[] => {
    const first = localDay(window.start, timeZone);
    // The last instant inside the window decides its last day (a window ending at midnight ends the day before).
    const last = localDay(new Date(Math.max(window.start.getTime(), window.end.getTime() - 1)), timeZone);
    return dayList.filter((day) => day >= first && day <= last);
  };
  const add = (window: Interval, kind: CalendarEntry['kind'], make: () => CalendarEntry) => {
    let made: CalendarEntry | null = null;
    const once = () => {
      made ??= make();
      return made;
    };
    for (const day of onDays(window)) entries.push({ day, make: once, kind, start: window.start.getTime() });
  };
  let conflictCount = 0;
  input.items.forEach((item, i) => {
    const withFreezes = [...(conflicts[i] ?? []), ...freezeConflicts(item)];
    if (withFreezes.length > 0) conflictCount++;
    add(item.window, 'item', () => ({
      kind: 'item',
      item,
      stateLabel: input.stateLabel(item),
      when: formatWindow(item.window, timeZone),
      conflicts: withFreezes,
    }));
  });
  for (const h of freezes) {
    add(h.occurrence, 'freeze', () => ({
      kind: 'freeze',
      name: h.freeze.name,
      level: h.freeze.level,
      scope:
        h.freeze.services === 'all' ? 'all services' : h.freeze.services.map(input.serviceName).join(', '),
      when: formatWindow(h.occurrence, timeZone),
    }));
  }
  for (const { window, occurrence } of maintenance) {
    add(occurrence, 'maintenance', () => ({
      kind: 'maintenance',
      name: window.name,
      services: window.services.map(input.serviceName).join(', '),
      when: formatWindow(occurrence, timeZone),
    }));
  }
  const rank = { freeze: 0, maintenance: 1, item: 2 } as const;
  const byDay = new Map<string, typeof entries>(dayList.map((day) => [day, []]));
  for (const e of entries) byDay.get(e.day)?.push(e);
  const allDays = dayList.map((day) => ({
    day,
    entries: (byDay.get(day) ?? []).sort((a, b) => rank[a.kind] - rank[b.kind] || a.start - b.start),
  }));
  // Whole days per page; a day longer than a page gets a page of its own (the renderer then shortens it, saying so).
  const pages: (typeof allDays)[] = [];
  let current: typeof allDays = [];
  let size = 0;
  for (const day of allDays) {
    const weight = Math.max(1, day.entries.length);
    if (current.length > 0 && size + weight > input.pageSize) {
      pages.push(current);
      current = [];
      size = 0;
    }
    current.push(day);
    size += weight;
  }
  if (current.length > 0) pages.push(current);
  const pageCount = Math.max(1, pages.length);
  const page = Math.min(Math.max(1, input.page), pageCount);
  return {
    days: input.days,
    timeZone,
    page,
    pageCount,
    shown: (pages[page - 1] ?? []).map((d) => ({
      day: d.day,
      label: dayLabel(d.day),
      entries: d.entries.map((e) => e.make()),
    })),
    itemCount: input.items.length,
    conflictCount,
  };
}
