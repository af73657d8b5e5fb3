import type { DurationStats, MetricsPeriod, Ratio } from './types.ts';

/** A share of a whole, or null when the whole is empty: a metric never divides by zero. */
export const ratio = (numerator: number, denominator: number): Ratio => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});

/**
 * The q-quantile (0 ≤ q ≤ 1) by linear interpolation between closest ranks (R-7, as spreadsheets'
 * PERCENTILE.INC): the median of 1, 2, 3, 4 is 2.5. Null for an empty set.
 */
export const quantile = (values: readonly number[], q: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[upper] ?? low;
  return low + (high - low) * (position - lower);
};

export const durationStats = (durationsMs: readonly number[]): DurationStats => ({
  count: durationsMs.length,
  medianMs: quantile(durationsMs, 0.5),
  p90Ms: quantile(durationsMs, 0.9),
});

/** True when `at` falls in the half-open period [from, to). */
export const inPeriod = (at: Date | null, period: MetricsPeriod): at is Date =>
  at !== null && at.getTime() >= period.from.getTime() && at.getTime() < period.to.getTime();

export const WEEK_MS = 7 * 24 * 3_600_000;

/** The period's length in weeks (30 days = 4.2857… weeks); 0 for an empty or inverted period. */
export const weeksIn = (period: MetricsPeriod): number =>
  Math.max(0, period.to.getTime() - period.from.getTime()) / WEEK_MS;

export const countBy = <K extends string, T>(
  items: readonly T[],
  keys: readonly K[],
  keyOf: (item: T) => K,
): Record<K, number> => {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const item of items) counts[keyOf(item)] += 1;
  return counts;
};
