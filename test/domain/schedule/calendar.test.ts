import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarEntry, conflictsAmong } from '../../../src/domain/schedule/calendar.ts';
import type { ScheduledItem } from '../../../src/domain/schedule/types.ts';
import { at, item, maintenance, onceFreeze, schedulePolicy } from './schedule-fixtures.ts';

const calendar = (
  items: readonly ScheduledItem[],
  opts: { days?: number; page?: number; pageSize?: number; timeZone?: string } = {},
  policy = schedulePolicy(
    [onceFreeze('Quarter close', '2026-03-03T00:00:00Z', '2026-03-05T00:00:00Z', { services: ['web'] })],
    [maintenance(['crm'], '0 2 * * 2', 'UTC', 240)],
  ),
) =>
  buildCalendar({
    policy,
    items,
    from: at('2026-03-02T09:00:00Z'),
    days: opts.days ?? 4,
    timeZone: opts.timeZone ?? 'UTC',
    page: opts.page ?? 1,
    pageSize: opts.pageSize ?? 25,
    stateLabel: (i) => i.state,
    serviceName: (id) => id.toUpperCase(),
  });

const describeEntry = (e: CalendarEntry): string =>
  e.kind === 'item'
    ? `${e.item.key}${e.conflicts.length ? ` !${e.conflicts.join('+')}` : ''}`
    : e.kind === 'freeze'
      ? `freeze ${e.name}`
      : `maintenance ${e.services}`;

describe('buildCalendar', () => {
  const items = [
    item(1, '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'),
    item(2, '2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z'),
    item(3, '2026-03-03T22:00:00Z', '2026-03-04T02:00:00Z', ['wiki']),
    item(4, '2026-03-04T08:00:00Z', '2026-03-04T09:00:00Z'),
  ];

  it('groups by day, with freezes and maintenance first, every conflict flagged and windows over midnight on both days', () => {
    const view = calendar(items);
    expect(view.shown.map((d) => [d.label, d.entries.map(describeEntry)])).toEqual([
      ['Mon 2 Mar', ['CHG-1 !CHG-2', 'CHG-2 !CHG-1']],
      ['Tue 3 Mar', ['freeze Quarter close', 'maintenance CRM', 'CHG-3']],
      ['Wed 4 Mar', ['freeze Quarter close', 'CHG-3', 'CHG-4 !Quarter close']],
      ['Thu 5 Mar', []],
    ]);
    expect(view.itemCount).toBe(4);
    expect(view.conflictCount).toBe(3);
    expect(view.pageCount).toBe(1);
  });

  it('reads days in the reader’s zone (a 22:00 UTC start is the next day in Tokyo)', () => {
    const view = calendar([items[2]!], { days: 3, timeZone: 'Asia/Tokyo' });
    expect(view.shown.map((d) => [d.day, d.entries.map(describeEntry)])).toEqual([
      ['2026-03-02', []],
      ['2026-03-03', ['freeze Quarter close', 'maintenance CRM']],
      ['2026-03-04', ['freeze Quarter close', 'CHG-3']],
    ]);
  });

  it('pages whole days and says which page of how many, never dropping a day', () => {
    const first = calendar(items, { pageSize: 3 });
    const second = calendar(items, { pageSize: 3, page: 2 });
    const third = calendar(items, { pageSize: 4, page: 3 });
    expect(first.pageCount).toBe(4);
    expect([first, second].map((v) => v.shown.map((d) => d.label))).toEqual([['Mon 2 Mar'], ['Tue 3 Mar']]);
    // With room for four entries, the empty Thursday joins Wednesday's page.
    expect(third.shown.map((d) => d.label)).toEqual(['Wed 4 Mar', 'Thu 5 Mar']);
    expect(calendar(items, { pageSize: 3, page: 9 }).page).toBe(4);
  });

  it('counts days across the spring DST change by the calendar, not by 24-hour steps', () => {
    const view = buildCalendar({
      policy: schedulePolicy(),
      items: [],
      from: at('2026-03-28T23:30:00Z'),
      days: 3,
      timeZone: 'Europe/Berlin',
      page: 1,
      pageSize: 25,
      stateLabel: (i) => i.state,
      serviceName: (id) => id,
    });
    expect(view.shown.map((d) => d.day)).toEqual(['2026-03-29', '2026-03-30', '2026-03-31']);
  });
});

describe('conflictsAmong', () => {
  it('flags only work still holding its window: a change closed early in it, or cancelled, leaves it free', () => {
    const closed = {
      ...item(1, '2026-03-02T10:00:00Z', '2026-03-02T14:00:00Z'),
      state: 'closed',
      past: true,
    };
    const cancelled = { ...item(2, '2026-03-02T10:00:00Z', '2026-03-02T14:00:00Z'), withdrawn: true };
    const later = item(3, '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z');
    const overlapping = item(4, '2026-03-02T12:30:00Z', '2026-03-02T15:00:00Z');
    expect(conflictsAmong([closed, cancelled, later, overlapping])).toEqual([[], [], ['CHG-4'], ['CHG-3']]);
  });

  // The sweep must find exactly the pairs the obvious all-pairs comparison finds, whatever the order.
  it('finds the same overlaps as comparing every pair, on a dense random schedule', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const services = ['web', 'crm', 'wiki'];
    const base = at('2026-03-02T00:00:00Z').getTime();
    const items = Array.from({ length: 300 }, (_, i) => {
      const start = base + Math.floor(random() * 72) * 3_600_000;
      const end = start + (1 + Math.floor(random() * 6)) * 1_800_000;
      const chosen = services.filter(() => random() < 0.5);
      return item(
        i + 1,
        new Date(start).toISOString(),
        new Date(end).toISOString(),
        chosen.length ? chosen : ['web'],
      );
    });
    const allPairs = items.map((a) =>
      items
        .filter(
          (b) =>
            b !== a &&
            b.services.some((s) => a.services.includes(s)) &&
            b.window.start < a.window.end &&
            a.window.start < b.window.end,
        )
        .map((b) => b.key)
        .sort(),
    );
    const swept = conflictsAmong(items).map((keys) => [...keys].sort());
    expect(swept).toEqual(allPairs);
    expect(swept.some((keys) => keys.length > 3)).toBe(true);
  });

  it('does not count windows that only touch', () => {
    const touching = [
      item(1, '2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z'),
      item(2, '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z'),
    ];
    expect(conflictsAmong(touching)).toEqual([[], []]);
  });
});
