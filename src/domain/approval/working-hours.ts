import { addDays, instantOf, zonedParts } from './zoned-time.ts';

/** When a board works: weekdays, a daily span in a time zone, and holidays (local dates). */
export interface WorkingHours {
  readonly timezone: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly days: readonly number[];
  /** "HH:MM", local; `end` may be "24:00" (midnight at the end of the day). */
  readonly start: string;
  readonly end: string;
  /** "YYYY-MM-DD" dates that are not worked, read in the same time zone. */
  readonly holidays: readonly string[];
}

const MINUTE = 60_000;
/** A year and a bit: no schedule is searched further ahead (a board that never works stops the search). */
const MAX_DAYS = 400;

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const instantAt = (date: { year: number; month: number; day: number }, minutes: number, tz: string): Date => {
  const day = addDays(date, Math.floor(minutes / 1440));
  const rest = minutes % 1440;
  return instantOf({ ...day, hour: Math.floor(rest / 60), minute: rest % 60 }, tz);
};

/** The working period of one local date, or null on a day off or a holiday. */
function periodOn(date: { year: number; month: number; day: number }, wh: WorkingHours): [Date, Date] | null {
  const noon = instantOf({ ...date, hour: 12, minute: 0 }, wh.timezone);
  const parts = zonedParts(noon, wh.timezone);
  if (!wh.days.includes(parts.weekday) || wh.holidays.includes(parts.date)) return null;
  const start = instantAt(date, minutesOf(wh.start), wh.timezone);
  const end = instantAt(date, minutesOf(wh.end), wh.timezone);
  return end.getTime() > start.getTime() ? [start, end] : null;
}

/** ITIL communication that respects people: true when `at` falls inside working hours. */
export function isWorkingTime(at: Date, wh: WorkingHours): boolean {
  const today = zonedParts(at, wh.timezone);
  const period = periodOn(today, wh);
  return period !== null && period[0].getTime() <= at.getTime() && at.getTime() < period[1].getTime();
}

/**
 * The first working moment at or after `at` (itself when it is inside working hours): a reminder due at 3 a.m.
 * waits for the morning, one due on a Saturday or a holiday for the next working day.
 */
export function nextWorkingMoment(at: Date, wh: WorkingHours): Date {
  const first = zonedParts(at, wh.timezone);
  for (let i = 0; i < MAX_DAYS; i++) {
    const period = periodOn(addDays(first, i), wh);
    if (!period) continue;
    if (at.getTime() < period[1].getTime()) return new Date(Math.max(at.getTime(), period[0].getTime()));
  }
  return at;
}

/**
 * ITIL timeboxes in working time: the moment `hours` working hours after `from` (objection windows, expiry
 * that counts only working hours). Nights, days off and holidays do not count; DST days count their real length.
 */
export function addWorkingHours(from: Date, hours: number, wh: WorkingHours): Date {
  let remaining = Math.round(hours * 60) * MINUTE;
  let cursor = nextWorkingMoment(from, wh);
  for (let i = 0; i < MAX_DAYS && remaining > 0; i++) {
    const period = periodOn(zonedParts(cursor, wh.timezone), wh);
    if (!period) {
      cursor = nextWorkingMoment(cursor, wh);
      continue;
    }
    const available = period[1].getTime() - cursor.getTime();
    if (remaining <= available) return new Date(cursor.getTime() + remaining);
    remaining -= available;
    cursor = nextWorkingMoment(period[1], wh);
  }
  return cursor;
}

/** The same working hours read in another person's time zone (their own 9 to 5), with the board's holidays. */
export const inZone = (wh: WorkingHours, timezone: string): WorkingHours => ({ ...wh, timezone });
