import { describe, expect, it } from 'vitest';
import {
  instantOf,
  instantOfWallClock,
  isTimeZone,
  type Overlap,
  wallClockMs,
  wallClockOf,
} from '../../../src/domain/time/zoned-time.ts';

const local = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('instantOf: a wall-clock time in a zone', () => {
  it.each([
    // zone, wall clock, overlap rule, instant
    ['UTC', local(2026, 3, 6, 10), 'later', '2026-03-06T10:00:00.000Z'],
    ['Europe/Berlin', local(2026, 3, 6, 10), 'later', '2026-03-06T09:00:00.000Z'],
    ['Europe/Berlin', local(2026, 7, 6, 10), 'earlier', '2026-07-06T08:00:00.000Z'],
    ['America/New_York', local(2026, 3, 6, 10), 'earlier', '2026-03-06T15:00:00.000Z'],
    ['Asia/Kolkata', local(2026, 3, 2, 9), 'later', '2026-03-02T03:30:00.000Z'],
    ['Asia/Tokyo', local(2026, 3, 7, 8, 30), 'earlier', '2026-03-06T23:30:00.000Z'],
  ] as const)('%s %o (%s) is %s', (zone, wall, overlap, iso) => {
    expect(instantOf(wall, zone, overlap as Overlap).toISOString()).toBe(iso);
  });

  it.each([
    // A spring-forward gap: the reading never happens and moves forward by the gap, east and west of UTC.
    ['Europe/Berlin', local(2026, 3, 29, 2, 30), '2026-03-29T01:30:00.000Z', 3],
    ['America/New_York', local(2026, 3, 8, 2, 30), '2026-03-08T07:30:00.000Z', 3],
  ] as const)('in the %s spring-forward gap %o moves forward to %s', (zone, wall, iso, hour) => {
    for (const overlap of ['earlier', 'later'] as const) {
      const at = instantOf(wall, zone, overlap);
      expect(at.toISOString()).toBe(iso);
      expect(wallClockOf(at, zone)).toMatchObject({ hour, minute: 30 });
    }
  });

  it.each([
    // A fall-back overlap: the reading happens twice; the caller's rule picks one, east and west of UTC.
    ['Europe/Berlin', local(2026, 10, 25, 2, 30), 'earlier', '2026-10-25T00:30:00.000Z'],
    ['Europe/Berlin', local(2026, 10, 25, 2, 30), 'later', '2026-10-25T01:30:00.000Z'],
    ['America/New_York', local(2026, 11, 1, 1, 30), 'earlier', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', local(2026, 11, 1, 1, 30), 'later', '2026-11-01T06:30:00.000Z'],
  ] as const)('in the %s fall-back overlap %o (%s) is %s', (zone, wall, overlap, iso) => {
    const at = instantOf(wall, zone, overlap);
    expect(at.toISOString()).toBe(iso);
    expect(wallClockOf(at, zone)).toMatchObject({ hour: wall.hour, minute: 30 });
  });
});

describe('wallClockOf and wallClockMs: the reading of an instant', () => {
  it('reads fields, seconds and the weekday in the zone', () => {
    expect(wallClockOf(new Date('2026-03-02T03:30:15Z'), 'Asia/Kolkata')).toEqual({
      year: 2026,
      month: 3,
      day: 2,
      hour: 9,
      minute: 0,
      second: 15,
      weekday: 1,
    });
    expect(wallClockOf(new Date('2026-03-06T23:30:00Z'), 'Asia/Tokyo')).toMatchObject({ day: 7, weekday: 6 });
  });

  it('round-trips through instantOfWallClock away from clock changes, and does wall-clock arithmetic', () => {
    const friday = new Date('2026-10-23T16:00:00Z'); // Friday 18:00 in Berlin, summer time
    expect(instantOfWallClock(wallClockMs(friday, 'Europe/Berlin'), 'Europe/Berlin', 'later')).toEqual(
      friday,
    );
    // 62 hours later on the wall clock is Monday 08:00 local, in winter time after the weekend's change.
    const end = instantOfWallClock(
      wallClockMs(friday, 'Europe/Berlin') + 62 * 3_600_000,
      'Europe/Berlin',
      'later',
    );
    expect(end.toISOString()).toBe('2026-10-26T07:00:00.000Z');
  });
});

describe('isTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});
