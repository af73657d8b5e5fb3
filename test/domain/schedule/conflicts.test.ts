import { describe, expect, it } from 'vitest';
import { findConflicts } from '../../../src/domain/schedule/conflicts.ts';
import { occurrencesIn, overlaps } from '../../../src/domain/schedule/occurrences.ts';
import { at, cronFreeze, item, maintenance, onceFreeze, schedulePolicy } from './schedule-fixtures.ts';

const win = (start: string, end: string) => ({ start: at(start), end: at(end) });

describe('overlaps (half-open windows)', () => {
  it.each([
    ['10:00–12:00 vs 11:00–13:00', '10:00', '12:00', '11:00', '13:00', true],
    ['10:00–12:00 vs 12:00–13:00 (touching ends)', '10:00', '12:00', '12:00', '13:00', false],
    ['12:00–13:00 vs 10:00–12:00 (touching ends, other way)', '12:00', '13:00', '10:00', '12:00', false],
    ['10:00–14:00 vs 11:00–12:00 (inside)', '10:00', '14:00', '11:00', '12:00', true],
    ['10:00–11:00 vs 11:30–12:00 (apart)', '10:00', '11:00', '11:30', '12:00', false],
    ['10:00–12:00 vs 10:00–12:00 (same)', '10:00', '12:00', '10:00', '12:00', true],
  ])('%s → %s', (_name, a1, a2, b1, b2, expected) => {
    const d = (t: string) => `2026-03-02T${t}:00Z`;
    expect(overlaps(win(d(a1), d(a2)), win(d(b1), d(b2)))).toBe(expected);
  });
});

describe('recurring windows across daylight saving time', () => {
  it('keeps a 22:00 Europe/Berlin freeze at 22:00 local time on both sides of the spring change', () => {
    const timing = {
      kind: 'recurring',
      cron: '0 22 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 120,
    } as const;
    const starts = occurrencesIn(timing, win('2026-03-28T00:00:00Z', '2026-03-31T00:00:00Z')).map((o) =>
      o.start.toISOString(),
    );
    // CET (UTC+1) on the 28th, CEST (UTC+2) from the 29th.
    expect(starts).toEqual([
      '2026-03-28T21:00:00.000Z',
      '2026-03-29T20:00:00.000Z',
      '2026-03-30T20:00:00.000Z',
    ]);
  });

  it('moves a start inside the spring-forward gap (02:30 does not exist) to the first valid moment, 03:00', () => {
    const timing = {
      kind: 'recurring',
      cron: '30 2 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 60,
    } as const;
    const starts = occurrencesIn(timing, win('2026-03-28T00:00:00Z', '2026-03-30T12:00:00Z')).map((o) =>
      o.start.toISOString(),
    );
    expect(starts).toEqual([
      '2026-03-28T01:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('starts once, not twice, on the fall-back night when 02:30 happens twice', () => {
    const timing = {
      kind: 'recurring',
      cron: '30 2 * * *',
      timezone: 'Europe/Berlin',
      durationMinutes: 60,
    } as const;
    const starts = occurrencesIn(timing, win('2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).map((o) =>
      o.start.toISOString(),
    );
    expect(starts).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
  });

  it('counts a duration on the wall clock of the zone on both DST nights', () => {
    const timing = {
      kind: 'recurring',
      cron: '0 2 * * 0',
      timezone: 'Europe/Berlin',
      durationMinutes: 240,
    } as const;
    const spring = occurrencesIn(timing, win('2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z'));
    const autumn = occurrencesIn(timing, win('2026-10-24T12:00:00Z', '2026-10-25T12:00:00Z'));
    // 02:00 does not exist on 29 March: the window starts at 03:00 CEST (01:00Z) and lasts four wall-clock
    // hours, to 07:00 CEST (05:00Z).
    expect(spring).toEqual([win('2026-03-29T01:00:00Z', '2026-03-29T05:00:00Z')]);
    // 02:00 CEST is 00:00Z; 06:00 CET is 05:00Z: five real hours for four on the wall clock.
    expect(autumn).toEqual([win('2026-10-25T00:00:00Z', '2026-10-25T05:00:00Z')]);
  });

  it('finds an occurrence that started before the range and still runs into it', () => {
    const timing = {
      kind: 'recurring',
      cron: '0 18 * * 5',
      timezone: 'Europe/Berlin',
      durationMinutes: 62 * 60,
    } as const;
    // Saturday noon lies inside the freeze that began on Friday 18:00 CET (17:00Z).
    expect(occurrencesIn(timing, win('2026-03-07T12:00:00Z', '2026-03-07T13:00:00Z'))).toEqual([
      win('2026-03-06T17:00:00Z', '2026-03-09T07:00:00Z'),
    ]);
  });
});

describe('findConflicts', () => {
  const items = [
    item(1, '2026-03-05T10:00:00Z', '2026-03-05T12:00:00Z'),
    item(2, '2026-03-05T11:00:00Z', '2026-03-05T15:00:00Z'),
    item(3, '2026-03-05T12:00:00Z', '2026-03-05T13:00:00Z', ['web'], 'release'),
    item(4, '2026-03-05T09:00:00Z', '2026-03-05T10:00:00Z'),
    item(5, '2026-03-05T10:30:00Z', '2026-03-05T11:30:00Z', ['crm']),
  ];

  it('lists every overlapping change and release on the same service, in start order, never a touching one', () => {
    const found = findConflicts(
      schedulePolicy(),
      { services: ['web'], window: win('2026-03-05T10:00:00Z', '2026-03-05T12:30:00Z') },
      items,
    );
    expect(found.overlaps.map((i) => i.key)).toEqual(['CHG-1', 'CHG-2', 'REL-3']);
    expect(found.freezes).toEqual([]);
    expect(found.outsideMaintenance).toEqual([]);
  });

  it('does not report the item being edited as its own conflict', () => {
    const found = findConflicts(
      schedulePolicy(),
      {
        services: ['web', 'crm'],
        window: win('2026-03-05T10:00:00Z', '2026-03-05T11:00:00Z'),
        self: { kind: 'change', id: 1 },
      },
      items,
    );
    expect(found.overlaps.map((i) => i.key)).toEqual(['CHG-5']);
  });

  it('reports every freeze the window touches, scoped to its services', () => {
    const policy = schedulePolicy([
      onceFreeze('Year end', '2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z'),
      onceFreeze('CRM only', '2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z', { services: ['crm'] }),
      cronFreeze('Nightly', '0 11 * * *', 'UTC', 30, { level: 'soft', services: ['web'] }),
      onceFreeze('Ends as it starts', '2026-03-04T00:00:00Z', '2026-03-05T10:00:00Z'),
    ]);
    const found = findConflicts(
      policy,
      { services: ['web'], window: win('2026-03-05T10:00:00Z', '2026-03-05T12:00:00Z') },
      [],
    );
    expect(found.freezes.map((h) => [h.freeze.name, h.occurrence.start.toISOString()])).toEqual([
      ['Year end', '2026-03-05T00:00:00.000Z'],
      ['Nightly', '2026-03-05T11:00:00.000Z'],
    ]);
  });

  it.each([
    ['inside Tuesday 02:00–06:00 Berlin', '2026-03-03T01:00:00Z', '2026-03-03T03:00:00Z', []],
    ['running past the window end', '2026-03-03T04:00:00Z', '2026-03-03T06:00:00Z', ['web']],
    ['on a Wednesday', '2026-03-04T01:00:00Z', '2026-03-04T02:00:00Z', ['web']],
    [
      'inside two back-to-back windows (Mon 22–02, Tue 02–06)',
      '2026-03-02T22:00:00Z',
      '2026-03-03T03:00:00Z',
      [],
    ],
  ])('maintenance: a window %s is outside for %j', (_name, start, end, outside) => {
    const policy = schedulePolicy(
      [],
      [
        maintenance(['web'], '0 2 * * 2', 'Europe/Berlin', 240),
        maintenance(['web'], '0 22 * * 1', 'Europe/Berlin', 240),
      ],
    );
    const found = findConflicts(policy, { services: ['web', 'wiki'], window: win(start, end) }, []);
    // The wiki has no maintenance windows: any time suits it.
    expect(found.outsideMaintenance).toEqual(outside);
  });

  it('checks maintenance windows in summer time too (02:00 CEST is 00:00Z)', () => {
    const policy = schedulePolicy([], [maintenance(['web'], '0 2 * * 2', 'Europe/Berlin', 240)]);
    const inside = findConflicts(
      policy,
      { services: ['web'], window: win('2026-06-02T00:00:00Z', '2026-06-02T04:00:00Z') },
      [],
    );
    const winterTimes = findConflicts(
      policy,
      { services: ['web'], window: win('2026-06-02T01:00:00Z', '2026-06-02T05:00:00Z') },
      [],
    );
    expect(inside.outsideMaintenance).toEqual([]);
    expect(winterTimes.outsideMaintenance).toEqual(['web']);
  });
});
