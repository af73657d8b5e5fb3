import { Cron } from 'croner';
import { fail, ok, type Result } from '../result.ts';
import type { Cadence } from './types.ts';

// Standard five-field cron (minute hour day-of-month month weekday): a release needs no seconds.
const options = (timezone: string) => ({ timezone, paused: true, mode: '5-part' as const });

/** Checks a cadence: the cron expression parses and the time zone is an IANA zone croner knows. */
export function checkCadence(cadence: Cadence): Result<void> {
  try {
    new Cron(cadence.cron, options(cadence.timezone)).stop();
    return ok(undefined);
  } catch (error) {
    return fail(
      'invalid_cadence',
      `must be a five-field cron expression (minute hour day month weekday): ${(error as Error).message}`,
    );
  }
}

/**
 * ITIL release planning: the next instances of a release train, strictly after `after` and no later than
 * `until`, read in the model's time zone by croner. Across a DST change a time that does not exist runs at
 * the first valid time after the gap, and a time that occurs twice runs once, at its first occurrence.
 */
export function occurrencesBetween(cadence: Cadence, after: Date, until: Date, max = 52): Date[] {
  const job = new Cron(cadence.cron, options(cadence.timezone));
  const found: Date[] = [];
  let from = after;
  while (found.length < max) {
    const next = job.nextRun(from);
    if (next === null || next.getTime() > until.getTime()) break;
    found.push(next);
    from = next;
  }
  job.stop();
  return found;
}

/** The first instance after `after` (null when the cron never fires again). */
export function nextOccurrence(cadence: Cadence, after: Date): Date | null {
  const job = new Cron(cadence.cron, options(cadence.timezone));
  const next = job.nextRun(after);
  job.stop();
  return next;
}
