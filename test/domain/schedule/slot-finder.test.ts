import { describe, expect, it } from 'vitest';
import { findFreeSlots } from '../../../src/domain/schedule/slot-finder.ts';
import { at, cronFreeze, item, maintenance, onceFreeze, schedulePolicy } from './schedule-fixtures.ts';

const HOUR = 3_600_000;
const iso = (slots: readonly { start: Date; end: Date }[]) =>
  slots.map((s) => `${s.start.toISOString().slice(0, 16)}–${s.end.toISOString().slice(11, 16)}`);

describe('findFreeSlots', () => {
  it('offers the next three windows of the same length from the next quarter hour when nothing is in the way', () => {
    const found = findFreeSlots(
      schedulePolicy(),
      {
        services: ['web'],
        durationMs: 2 * HOUR,
        from: at('2026-03-02T09:07:00Z'),
        horizonEnd: at('2026-03-09T00:00:00Z'),
      },
      [],
    );
    expect(found.kind).toBe('found');
    expect(iso(found.slots)).toEqual([
      '2026-03-02T09:15–11:15',
      '2026-03-02T11:15–13:15',
      '2026-03-02T13:15–15:15',
    ]);
  });

  it('steps over every change on the same service and every freeze, but not changes on other services', () => {
    const policy = schedulePolicy([
      onceFreeze('Lunch', '2026-03-02T12:00:00Z', '2026-03-02T13:00:00Z', { level: 'soft' }),
    ]);
    const items = [
      item(1, '2026-03-02T09:00:00Z', '2026-03-02T10:30:00Z'),
      item(2, '2026-03-02T10:30:00Z', '2026-03-02T11:00:00Z', ['web'], 'release'),
      item(3, '2026-03-02T13:00:00Z', '2026-03-02T23:00:00Z', ['crm']),
    ];
    const found = findFreeSlots(
      policy,
      {
        services: ['web'],
        durationMs: HOUR,
        from: at('2026-03-02T09:00:00Z'),
        horizonEnd: at('2026-03-03T00:00:00Z'),
      },
      items,
    );
    expect(iso(found.slots)).toEqual([
      '2026-03-02T11:00–12:00',
      '2026-03-02T13:00–14:00',
      '2026-03-02T14:00–15:00',
    ]);
  });

  it('stays inside the maintenance windows of a service that has them, in local time across DST', () => {
    // Sundays from 01:00 Berlin for 4 hours: 00:00Z in winter time (22 and 29 March: the clocks go forward only
    // at 02:00), 23:00Z the evening before in summer time (5 April).
    const policy = schedulePolicy([], [maintenance(['web'], '0 1 * * 0', 'Europe/Berlin', 240)]);
    const found = findFreeSlots(
      policy,
      {
        services: ['web'],
        durationMs: 3 * HOUR,
        from: at('2026-03-20T00:00:00Z'),
        horizonEnd: at('2026-04-10T00:00:00Z'),
      },
      [item(9, '2026-03-22T00:00:00Z', '2026-03-22T01:00:00Z')],
    );
    expect(iso(found.slots)).toEqual([
      '2026-03-22T01:00–04:00',
      '2026-03-29T00:00–03:00',
      '2026-04-04T23:00–02:00',
    ]);
  });

  it('says there is no free slot in the horizon when freezes and changes fill it', () => {
    const policy = schedulePolicy([cronFreeze('Always', '0 * * * *', 'UTC', 60)]);
    const found = findFreeSlots(
      policy,
      {
        services: ['web'],
        durationMs: HOUR,
        from: at('2026-03-02T09:00:00Z'),
        horizonEnd: at('2026-03-04T00:00:00Z'),
      },
      [],
    );
    expect(found).toEqual({ kind: 'short', slots: [], reason: 'no_free_slot_in_horizon' });
  });

  it('returns the slots it found when fewer than three fit before the horizon', () => {
    const found = findFreeSlots(
      schedulePolicy(),
      {
        services: ['web'],
        durationMs: 10 * HOUR,
        from: at('2026-03-02T00:00:00Z'),
        horizonEnd: at('2026-03-03T00:00:00Z'),
      },
      [],
    );
    expect(found.kind).toBe('short');
    expect(iso(found.slots)).toEqual(['2026-03-02T00:00–10:00', '2026-03-02T10:00–20:00']);
  });

  it('never offers a window inside maintenance time that a service without maintenance would block', () => {
    const policy = schedulePolicy([], [maintenance(['web'], '0 2 * * *', 'UTC', 120)]);
    const found = findFreeSlots(
      policy,
      {
        services: ['web', 'wiki'],
        durationMs: HOUR,
        from: at('2026-03-02T00:00:00Z'),
        horizonEnd: at('2026-03-04T00:00:00Z'),
      },
      [item(1, '2026-03-02T02:00:00Z', '2026-03-02T03:00:00Z', ['wiki'])],
    );
    expect(iso(found.slots)).toEqual([
      '2026-03-02T03:00–04:00',
      '2026-03-03T02:00–03:00',
      '2026-03-03T03:00–04:00',
    ]);
  });
});
