import { describe, expect, it } from 'vitest';
import {
  addWorkingHours,
  inZone,
  isWorkingTime,
  nextWorkingMoment,
  type WorkingHours,
} from '../../../src/domain/approval/working-hours.ts';

/** Monday to Friday, 09:00–17:00 in Berlin, with Good Friday and Easter Monday 2026 off. */
const BERLIN: WorkingHours = {
  timezone: 'Europe/Berlin',
  days: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  holidays: ['2026-04-03', '2026-04-06'],
};
const utc = (iso: string) => new Date(iso);

describe('working time', () => {
  it.each([
    ['Monday 10:00 Berlin', '2026-03-02T09:00:00Z', true],
    ['Monday 08:59 Berlin', '2026-03-02T07:59:00Z', false],
    ['Monday 17:00 Berlin (the end is not working time)', '2026-03-02T16:00:00Z', false],
    ['Saturday noon', '2026-03-07T11:00:00Z', false],
    ['Good Friday', '2026-04-03T10:00:00Z', false],
    ['summer time: Monday 09:30 Berlin is 07:30 UTC', '2026-06-01T07:30:00Z', true],
  ] as const)('%s → %s', (_what, iso, expected) => {
    expect(isWorkingTime(utc(iso), BERLIN)).toBe(expected);
  });
});

describe('the next working moment', () => {
  it.each([
    ['inside working hours: now', '2026-03-02T10:00:00Z', '2026-03-02T10:00:00.000Z'],
    ['3 a.m. waits for the morning', '2026-03-03T02:00:00Z', '2026-03-03T08:00:00.000Z'],
    ['Friday evening waits for Monday', '2026-03-06T18:00:00Z', '2026-03-09T08:00:00.000Z'],
    [
      'Thursday before Easter waits past Good Friday and the weekend to Tuesday',
      '2026-04-02T16:30:00Z',
      '2026-04-07T07:00:00.000Z',
    ],
  ] as const)('%s', (_what, iso, expected) => {
    expect(nextWorkingMoment(utc(iso), BERLIN).toISOString()).toBe(expected);
  });

  it('uses each approver’s own time zone for the same 9 to 5', () => {
    const at = utc('2026-03-02T13:00:00Z'); // 08:00 in New York, 18:30 in Kolkata, 14:00 in Berlin
    expect(nextWorkingMoment(at, inZone(BERLIN, 'America/New_York')).toISOString()).toBe(
      '2026-03-02T14:00:00.000Z',
    );
    expect(nextWorkingMoment(at, inZone(BERLIN, 'Asia/Kolkata')).toISOString()).toBe(
      '2026-03-03T03:30:00.000Z',
    );
    expect(nextWorkingMoment(at, BERLIN).toISOString()).toBe('2026-03-02T13:00:00.000Z');
  });

  it('returns the moment itself for a board that never works', () => {
    const never = { ...BERLIN, days: [] };
    expect(nextWorkingMoment(utc('2026-03-02T10:00:00Z'), never).toISOString()).toBe(
      '2026-03-02T10:00:00.000Z',
    );
  });
});

describe('adding working hours', () => {
  it.each([
    ['within the day', '2026-03-02T09:00:00Z', 4, '2026-03-02T13:00:00.000Z'],
    ['over the night', '2026-03-02T15:00:00Z', 4, '2026-03-03T11:00:00.000Z'],
    ['over the weekend', '2026-03-06T14:00:00Z', 4, '2026-03-09T10:00:00.000Z'],
    ['from a Sunday', '2026-03-08T10:00:00Z', 8, '2026-03-09T16:00:00.000Z'],
    ['over Easter (two holidays and a weekend)', '2026-04-02T14:00:00Z', 4, '2026-04-07T10:00:00.000Z'],
    [
      'across the switch to summer time (the offset changes overnight)',
      '2026-03-27T15:00:00Z',
      2,
      '2026-03-30T08:00:00.000Z',
    ],
    ['across the switch back to winter time', '2026-10-23T14:00:00Z', 3, '2026-10-26T10:00:00.000Z'],
  ] as const)('%s', (_what, iso, hours, expected) => {
    expect(addWorkingHours(utc(iso), hours, BERLIN).toISOString()).toBe(expected);
  });

  it('counts a DST day at its real length when the working span contains the gap', () => {
    // Sunday 29 March 2026 in Berlin: 01:00–05:00 local is only 3 real hours (02:00 → 03:00 is skipped).
    const night: WorkingHours = {
      timezone: 'Europe/Berlin',
      days: [0],
      start: '01:00',
      end: '05:00',
      holidays: [],
    };
    expect(addWorkingHours(utc('2026-03-29T00:00:00Z'), 3, night).toISOString()).toBe(
      '2026-03-29T03:00:00.000Z',
    );
    expect(addWorkingHours(utc('2026-03-29T00:00:00Z'), 4, night).toISOString()).toBe(
      '2026-04-05T00:00:00.000Z',
    );
  });

  it('treats every hour as working with a 24-hour, 7-day schedule', () => {
    const always: WorkingHours = {
      timezone: 'UTC',
      days: [0, 1, 2, 3, 4, 5, 6],
      start: '00:00',
      end: '24:00',
      holidays: [],
    };
    expect(addWorkingHours(utc('2026-03-02T10:00:00Z'), 30, always).toISOString()).toBe(
      '2026-03-03T16:00:00.000Z',
    );
  });
});
