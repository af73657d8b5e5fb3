import { fail, ok, type Result } from '../result.ts';

const UNIT_MINUTES: Readonly<Record<string, number>> = { d: 1440, h: 60, m: 1 };
const PATTERN = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/;

/**
 * Reads a duration such as `24h`, `1h`, `15m`, `1d` or `1h30m` into whole minutes (one minute at least), so
 * release reminder plans read the way people say them ("T-24h").
 */
export function parseDuration(text: string): Result<number> {
  const match = PATTERN.exec(text.trim().toLowerCase());
  if (!match || text.trim() === '') {
    return fail('invalid_duration', 'must be a duration such as 24h, 1h, 15m or 1h30m');
  }
  const [, d, h, m] = match;
  const minutes =
    Number(d ?? 0) * UNIT_MINUTES.d! + Number(h ?? 0) * UNIT_MINUTES.h! + Number(m ?? 0) * UNIT_MINUTES.m!;
  return minutes >= 1 ? ok(minutes) : fail('invalid_duration', 'must be one minute or more');
}

/** Minutes back to the shortest duration text: 1440 → "24h", 90 → "1h30m", 15 → "15m". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${m}m`;
}
