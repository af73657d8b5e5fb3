import { Cron } from 'croner';
import { instantOfWallClock, wallClockMs } from '../time/zoned-time.ts';
import type { Interval, WindowTiming } from './types.ts';

const MINUTE_MS = 60_000;
/** A bound on occurrences per question, so a minutely cron over a long horizon cannot run away. */
const MAX_OCCURRENCES = 5_000;

// One parsed pattern per (cron, zone): parsing is the costly part, evaluation from a given instant is pure.
const patterns = new Map<string, Cron>();

function patternOf(cron: string, timezone: string): Cron {
  const key = `${timezone}\u0000${cron}`;
  let pattern = patterns.get(key);
  if (!pattern) {
    pattern = new Cron(cron, { timezone, paused: true });
    patterns.set(key, pattern);
  }
  return pattern;
}

/** Half-open intervals overlap when each starts before the other ends; touching ends do not overlap. */
export const overlaps = (a: Interval, b: Interval): boolean =>
  a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/** `inner` lies wholly inside `outer`. */
export const contains = (outer: Interval, inner: Interval): boolean =>
  outer.start.getTime() <= inner.start.getTime() && inner.end.getTime() <= outer.end.getTime();

/**
 * When an occurrence that starts at `start` ends: `minutes` later on the wall clock of its zone, so "Friday
 * 18:00 for 62h" ends Monday 08:00 local time even when the clocks change over the weekend.
 */
export function wallClockEnd(start: Date, minutes: number, timeZone: string): Date {
  // A reading that happens twice on a fall-back night ends at the later one; one in a gap moves forward.
  return instantOfWallClock(wallClockMs(start, timeZone) + minutes * MINUTE_MS, timeZone, 'later');
}

/**
 * ITIL change schedule: the concrete occurrences of a policy window that overlap `range`, in start order.
 * A recurring window's starts come from its cron expression read in its own time zone (croner), so a
 * "22:00 Europe/Berlin" window starts at 22:00 local time on both sides of a DST change, and its duration is
 * counted on the same wall clock (see `wallClockEnd`).
 */
export function occurrencesIn(timing: WindowTiming, range: Interval): Interval[] {
  if (timing.kind === 'once') {
    const once = { start: timing.start, end: timing.end };
    return overlaps(once, range) ? [once] : [];
  }
  // A wall-clock duration may be up to an hour longer in real time across a DST change.
  const lookBackMs = timing.durationMinutes * MINUTE_MS + 60 * MINUTE_MS;
  const pattern = patternOf(timing.cron, timing.timezone);
  const out: Interval[] = [];
  // An occurrence that started up to one duration before the range still overlaps it.
  let cursor: Date | null = new Date(range.start.getTime() - lookBackMs);
  while (out.length < MAX_OCCURRENCES) {
    cursor = pattern.nextRun(cursor);
    if (cursor === null || cursor.getTime() >= range.end.getTime()) break;
    const occurrence = { start: cursor, end: wallClockEnd(cursor, timing.durationMinutes, timing.timezone) };
    if (overlaps(occurrence, range)) out.push(occurrence);
  }
  return out;
}

/** Joins overlapping or touching intervals (sorted input not required). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start.getTime() - b.start.getTime());
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && next.start.getTime() <= last.end.getTime()) {
      if (next.end.getTime() > last.end.getTime()) out[out.length - 1] = { start: last.start, end: next.end };
    } else out.push(next);
  }
  return out;
}
