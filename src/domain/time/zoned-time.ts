/**
 * Wall-clock time in an IANA time zone ↔ an instant: the one place the product turns "Friday 18:00 in
 * Europe/Berlin" into a UTC instant and back. Pure: the zone rules come from the runtime's Intl data, the
 * instant is always passed in.
 *
 * Clock changes make the mapping imperfect, so every conversion names its rule:
 * - a wall-clock time inside a spring-forward gap (it never happens) moves forward by the gap (02:30 → 03:30);
 * - a wall-clock time inside a fall-back overlap (it happens twice) is the `earlier` or the `later` of the two,
 *   as the caller asks.
 */

/** Which of the two instants a wall-clock time that happens twice (on a fall-back night) denotes. */
export type Overlap = 'earlier' | 'later';

/** A wall-clock date and time in some zone (months 1–12; seconds 0 unless given). */
export interface WallClockTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second?: number;
}

/** The wall-clock reading of an instant in a zone, with the weekday (0 = Sunday … 6 = Saturday). */
export interface WallClockReading {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Building a formatter is the costly part; one per zone, reused.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** ITIL change schedule: a schedule is only meaningful in a zone the runtime knows (IANA names such as "Europe/Berlin"). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** ITIL change schedule: the wall clock people in `timeZone` read at an instant. */
export function wallClockOf(at: Date, timeZone: string): WallClockReading {
  const parts = Object.fromEntries(
    formatterOf(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? 'Sun'),
  };
}

/**
 * ITIL change schedule: the wall-clock reading of an instant in a zone as milliseconds of a UTC date with the
 * same fields (whole seconds), so wall-clock arithmetic ("62 hours later on the local clock") is plain addition.
 */
export function wallClockMs(at: Date, timeZone: string): number {
  const w = wallClockOf(at, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  return wallClockMs(new Date(instant), timeZone) - Math.floor(instant / 1000) * 1000;
}

/**
 * ITIL change schedule: the instant a wall-clock reading (as `wallClockMs` gives it) happens in a zone. In a
 * spring-forward gap it moves forward by the gap; in a fall-back overlap it is the `overlap` one of the two.
 */
export function instantOfWallClock(wall: number, timeZone: string, overlap: Overlap): Date {
  // A zone changes its offset at most once in two days, so the offsets a day either side are the only candidates.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const happens = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((instant) => offsetAt(instant, timeZone) === wall - instant)
    .sort((a, b) => a - b);
  const chosen = overlap === 'earlier' ? happens[0] : happens[happens.length - 1];
  if (chosen !== undefined) return new Date(chosen);
  // In a gap: the clock jumps over this reading, so it is read with the offset from before the jump.
  return new Date(wall - before);
}

/** ITIL change schedule: the instant a wall-clock date and time names in a zone (gap and overlap as above). */
export function instantOf(local: WallClockTime, timeZone: string, overlap: Overlap): Date {
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second ?? 0);
  return instantOfWallClock(wall, timeZone, overlap);
}
