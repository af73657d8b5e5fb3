import { instantOfWallClock } from '../../domain/time/zoned-time.ts';

/**
 * Reads "2026-03-12T10:00" (or "2026-03-12 10:00") as a wall-clock time in `timeZone`; an instant with an
 * offset or Z is taken as it is. Null when it is not a date and time.
 */
export function parseLocalDateTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed)) {
    const at = new Date(trimmed);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})$/.exec(trimmed);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (Number.isNaN(wall)) return null;
  // A time skipped by a spring-forward change moves forward by the gap; one that happens twice is the later.
  return instantOfWallClock(wall, timeZone, 'later');
}
