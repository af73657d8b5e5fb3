import { OUTCOMES, type Outcome } from '../change/types.ts';
import { changeSuccess } from './change-metrics.ts';
import { WEEK_MS } from './stats.ts';
import type { ChangeFact, MetricsPeriod, Ratio } from './types.ts';

export interface TrendWeek {
  /** The week's own period; the first week is shorter when the period is not whole weeks. */
  readonly period: MetricsPeriod;
  readonly byOutcome: Record<Outcome, number>;
  readonly successRate: Ratio;
}

/**
 * The period cut into weeks counted back from its end (so the latest week is always whole), each with the
 * changes completed in it by outcome and its change success rate. An empty period has no weeks.
 */
export const weeklyTrend = (changes: readonly ChangeFact[], period: MetricsPeriod): TrendWeek[] => {
  const span = period.to.getTime() - period.from.getTime();
  if (span <= 0) return [];
  const weeks = Math.ceil(span / WEEK_MS);
  const result: TrendWeek[] = [];
  for (let i = weeks; i >= 1; i -= 1) {
    const from = new Date(Math.max(period.from.getTime(), period.to.getTime() - i * WEEK_MS));
    const to = new Date(period.to.getTime() - (i - 1) * WEEK_MS);
    const week = { from, to };
    const success = changeSuccess(changes, week);
    result.push({ period: week, byOutcome: success.byOutcome, successRate: success.rate });
  }
  return result;
};

export const TREND_OUTCOMES: readonly Outcome[] = OUTCOMES;
