import { instantOf as instantOfWallClockTime, wallClockOf } from '../time/zoned-time.ts';

/** A wall-clock time in some time zone (months 1–12). */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

export interface ZonedParts extends LocalTime {
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** The local date as YYYY-MM-DD. */
  readonly date: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock in `timeZone` at an instant. */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const { year, month, day, hour, minute, weekday } = wallClockOf(at, timeZone);
  return { year, month, day, hour, minute, weekday, date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * The instant a wall-clock time in `timeZone` names. A time in a spring-forward gap (it does not exist) moves
 * forward by the gap; a time in a fall-back overlap (it exists twice) is the earlier of the two.
 */
export function instantOf(local: LocalTime, timeZone: string): Date {
  return instantOfWallClockTime(local, timeZone, 'earlier');
}

/** Adds whole days to a local date (calendar arithmetic, no time zone involved). */
export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Reads "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (also with "T"); null when it is not a real date and time. */
export function parseLocal(text: string): { local: LocalTime; hasTime: boolean } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  return { local: { year, month, day, hour, minute }, hasTime: m[4] !== undefined };
}
