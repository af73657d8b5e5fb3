import { instantOfWallClock } from '../../domain/time/zoned-time.ts';

/**
 * Reads "2026-03-12T10:00" (or "2026-03-12 10:00") as a wall-clock time in `timeZone`; an instant with an
 * offset or Z is taken as it is. Null when it is not a date and time, or names one that does not exist.
 */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const at = new Date(trimmed);
    const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(trimmed);
    if (Number.isNaN(at.getTime()) || !day) return null;
    return dayExists(Number(day[1]), Number(day[2]), Number(day[3])) ? at : null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})$/.exec(trimmed);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (!dayExists(year, month, day) || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // A time skipped by a spring-forward change moves forward by the gap; one that happens twice is the later.
  return instantOfWallClock(wall, timeZone, 'later');
}

/** Date.UTC and Date's parser roll 31 February over into March (and 24:30 into the next day). */
function dayExists(year: number, month: number, day: number): boolean {
  const back = new Date(Date.UTC(year, month - 1, day));
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
}
