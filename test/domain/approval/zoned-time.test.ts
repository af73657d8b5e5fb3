import { describe, expect, it } from 'vitest';
import { instantOf, parseLocal, zonedParts } from '../../../src/domain/approval/zoned-time.ts';

const at = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
});

describe('wall-clock times in time zones', () => {
  it('maps a local time to its instant and back', () => {
    expect(instantOf(at(2026, 3, 2, 9), 'Europe/Berlin').toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(instantOf(at(2026, 7, 2, 9), 'Europe/Berlin').toISOString()).toBe('2026-07-02T07:00:00.000Z');
    expect(instantOf(at(2026, 3, 2, 9), 'America/New_York').toISOString()).toBe('2026-03-02T14:00:00.000Z');
    expect(instantOf(at(2026, 3, 2, 9), 'Asia/Kolkata').toISOString()).toBe('2026-03-02T03:30:00.000Z');
    expect(zonedParts(new Date('2026-03-02T03:30:00Z'), 'Asia/Kolkata')).toMatchObject({
      hour: 9,
      minute: 0,
      weekday: 1,
      date: '2026-03-02',
    });
  });

  it('moves a time in the spring-forward gap forward by the gap', () => {
    // 29 March 2026, 02:30 does not exist in Berlin (02:00 → 03:00).
    expect(instantOf(at(2026, 3, 29, 2, 30), 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(zonedParts(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin').hour).toBe(3);
  });

  it('takes the earlier of a time that exists twice in the fall-back overlap', () => {
    // 25 October 2026, 02:30 happens twice in Berlin.
    expect(instantOf(at(2026, 10, 25, 2, 30), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads dates and times, refusing ones that do not exist', () => {
    expect(parseLocal('2026-12-24')).toEqual({ local: at(2026, 12, 24, 0), hasTime: false });
    expect(parseLocal('2026-12-24 18:30')).toEqual({ local: at(2026, 12, 24, 18, 30), hasTime: true });
    expect(parseLocal('2026-02-29')).toBeNull();
    expect(parseLocal('2026-12-24 24:00')).toBeNull();
    expect(parseLocal('24.12.2026')).toBeNull();
  });
});
