import { changeSuccess } from './change-metrics.ts';
import type { ChangeFact, MetricsPeriod, Ratio } from './types.ts';

export type BreakdownKey = 'service' | 'board' | 'model';

export interface BreakdownRow {
  readonly key: string;
  /** Changes raised in the period. */
  readonly raised: number;
  /** Change success rate over the changes completed in the period. */
  readonly successRate: Ratio;
}

const keysOf = (change: ChangeFact, by: BreakdownKey): readonly string[] => {
  if (by === 'service') return change.services;
  const key = by === 'board' ? change.boardId : change.modelId;
  return key === null ? [] : [key];
};

const raisedIn = (c: ChangeFact, p: MetricsPeriod) =>
  c.raisedAt.getTime() >= p.from.getTime() && c.raisedAt.getTime() < p.to.getTime();

/**
 * ITIL change success rate and volume per service, change authority (board) or change model, for comparing
 * them: a change that touches two services counts for both. Rows with nothing in the period are left out;
 * sorted by volume, then key.
 */
export const breakdown = (
  changes: readonly ChangeFact[],
  period: MetricsPeriod,
  by: BreakdownKey,
): BreakdownRow[] => {
  const keys = [...new Set(changes.flatMap((c) => keysOf(c, by)))];
  return keys
    .map((key) => {
      const mine = changes.filter((c) => keysOf(c, by).includes(key));
      return {
        key,
        raised: mine.filter((c) => raisedIn(c, period)).length,
        successRate: changeSuccess(mine, period).rate,
      };
    })
    .filter((row) => row.raised > 0 || row.successRate.denominator > 0)
    .sort((a, b) => b.raised - a.raised || a.key.localeCompare(b.key));
};
