import { fail, ok, type Result } from '../result.ts';
import { instantOfWallClock, wallClockMs } from '../time/zoned-time.ts';
import type { MetricsPeriod } from './types.ts';

export const METRICS_WINDOWS = ['7d', '30d', '90d'] as const;
export type MetricsWindow = (typeof METRICS_WINDOWS)[number];

export interface MetricsQuery {
  readonly window: MetricsWindow;
  readonly service: string | null;
}

/** The last `window` up to `now`: 7d is the 7 × 24 hours before now. */
export const periodFor = (window: MetricsWindow, now: Date): MetricsPeriod => ({
  from: new Date(now.getTime() - Number.parseInt(window, 10) * 24 * 3_600_000),
  to: now,
});

/**
 * ITIL continual improvement, the scheduled digest: the last `window` of days on the digest's own wall clock,
 * ending at its occurrence. A weekly digest at 09:00 local time then covers exactly the week since the last
 * one, across a daylight-saving change (167 or 169 hours), with no hour counted twice or left out.
 */
export const periodOnWallClock = (window: MetricsWindow, end: Date, timeZone: string): MetricsPeriod => {
  const days = Number.parseInt(window, 10);
  // An occurrence in a fall-back overlap ran at the first of the two (as the cron schedules it).
  const from = instantOfWallClock(wallClockMs(end, timeZone) - days * 86_400_000, timeZone, 'earlier');
  return { from, to: end };
};

/**
 * Reads `[7d|30d|90d] [service]` (either order, window defaults to 30d) against the policy's service ids,
 * so the figures a change manager asks for are about a service the change policy knows.
 */
export const parseMetricsQuery = (
  args: readonly string[],
  serviceIds: readonly string[],
): Result<MetricsQuery> => {
  let window: MetricsWindow = '30d';
  let service: string | null = null;
  for (const arg of args.filter((a) => a.trim() !== '')) {
    const word = arg.trim();
    if ((METRICS_WINDOWS as readonly string[]).includes(word.toLowerCase())) {
      window = word.toLowerCase() as MetricsWindow;
    } else if (service === null && serviceIds.includes(word)) {
      service = word;
    } else {
      const known = serviceIds.length > 0 ? ` Services: ${serviceIds.join(', ')}.` : '';
      return fail('bad_metrics_query', `"${word}" is neither 7d, 30d, 90d nor a service id.${known}`);
    }
  }
  return ok({ window, service });
};
