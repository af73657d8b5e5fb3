import { describe, expect, it } from 'vitest';
import {
  approvalsByBoard,
  changeIncidents,
  changeMix,
  changeSuccess,
  leadTimes,
} from '../../../src/domain/metrics/change-metrics.ts';
import { quantile, ratio } from '../../../src/domain/metrics/stats.ts';
import { weeklyTrend } from '../../../src/domain/metrics/weekly-trend.ts';
import { at, CHANGES, HOUR, P0, TWO_WEEKS } from './metrics-fixtures.ts';

const EMPTY = { from: P0, to: P0 };
const QUIET = { from: at(1000), to: at(1168) };

describe('ratio and quantile', () => {
  it('gives no value instead of dividing by zero', () => {
    expect(ratio(0, 0)).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(ratio(3, 4).value).toBe(0.75);
  });

  it('interpolates between closest ranks (median of 1..4 is 2.5, p90 is 3.7)', () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 10);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });
});

describe('change success rate', () => {
  it('counts the changes completed in the period by outcome; success includes "with issues"', () => {
    expect(changeSuccess(CHANGES, TWO_WEEKS)).toEqual({
      byOutcome: { successful: 2, successful_with_issues: 1, failed: 1, rolled_back: 1 },
      rate: { numerator: 3, denominator: 5, value: 0.6 },
    });
  });

  it('has no rate in an empty period or a period without completions', () => {
    for (const period of [EMPTY, QUIET]) {
      expect(changeSuccess(CHANGES, period)).toEqual({
        byOutcome: { successful: 0, successful_with_issues: 0, failed: 0, rolled_back: 0 },
        rate: { numerator: 0, denominator: 0, value: null },
      });
    }
  });
});

describe('change mix and emergency ratio', () => {
  it('counts the changes raised in the period by type and risk', () => {
    expect(changeMix(CHANGES, TWO_WEEKS)).toEqual({
      raised: 8,
      byType: { standard: 1, normal: 6, emergency: 1 },
      byRisk: { low: 3, medium: 2, high: 2, very_high: 1 },
      emergencyRatio: { numerator: 1, denominator: 8, value: 0.125 },
    });
  });

  it('has no emergency ratio when nothing was raised', () => {
    expect(changeMix(CHANGES, QUIET).emergencyRatio.value).toBeNull();
    expect(changeMix([], TWO_WEEKS).raised).toBe(0);
  });
});

describe('lead times', () => {
  it('measures raised → approved over non-standard changes approved in the period', () => {
    // Changes 1 (10 h), 2 (20 h), 3 (1 h): the median is 10 h, p90 = 10 + 0.8 × 10 = 18 h.
    expect(leadTimes(CHANGES, TWO_WEEKS).toApproval).toEqual({
      count: 3,
      medianMs: 10 * HOUR,
      p90Ms: 18 * HOUR,
    });
  });

  it('measures raised → implemented over changes completed in the period', () => {
    // 1, 10, 48, 68, 192 h: median 48 h, p90 = 68 + 0.6 × 124 = 142.4 h.
    const { toImplementation } = leadTimes(CHANGES, TWO_WEEKS);
    expect(toImplementation.count).toBe(5);
    expect(toImplementation.medianMs).toBe(48 * HOUR);
    expect(toImplementation.p90Ms).toBeCloseTo(142.4 * HOUR, 3);
  });

  it('has no lead times in an empty period', () => {
    expect(leadTimes(CHANGES, EMPTY)).toEqual({
      toApproval: { count: 0, medianMs: null, p90Ms: null },
      toImplementation: { count: 0, medianMs: null, p90Ms: null },
    });
  });
});

describe('approvals per board', () => {
  it('gives each board its decision time and the share decided before expiry', () => {
    expect(approvalsByBoard(CHANGES, TWO_WEEKS)).toEqual([
      {
        boardId: 'cab',
        // Decided: 10, 20 and 30 h (approve, approve, reject); change 5 expired.
        decisionTime: { count: 3, medianMs: 20 * HOUR, p90Ms: 28 * HOUR },
        decidedBeforeExpiry: { numerator: 3, denominator: 4, value: 0.75 },
      },
      {
        boardId: 'ecab',
        decisionTime: { count: 1, medianMs: 1 * HOUR, p90Ms: 1 * HOUR },
        decidedBeforeExpiry: { numerator: 1, denominator: 1, value: 1 },
      },
    ]);
  });

  it('does not count a standard change announced to a board as one of its decisions', () => {
    const announced = CHANGES.map((c) => (c.id === 4 ? { ...c, boardId: 'cab' } : c));
    expect(approvalsByBoard(announced, TWO_WEEKS)).toEqual(approvalsByBoard(CHANGES, TWO_WEEKS));
  });

  it('lists no board when nothing was decided', () => {
    expect(approvalsByBoard(CHANGES, QUIET)).toEqual([]);
  });
});

describe('incidents caused by changes', () => {
  it('adds up the incidents of changes completed in the period', () => {
    expect(changeIncidents(CHANGES, TWO_WEEKS)).toEqual({
      incidents: 3,
      changesWithIncidents: { numerator: 2, denominator: 5, value: 0.4 },
    });
  });

  it('has no share in an empty period', () => {
    expect(changeIncidents(CHANGES, EMPTY)).toEqual({
      incidents: 0,
      changesWithIncidents: { numerator: 0, denominator: 0, value: null },
    });
  });
});

describe('weekly trend', () => {
  it('cuts the period into weeks counted back from its end, each with outcomes and success rate', () => {
    expect(weeklyTrend(CHANGES, TWO_WEEKS)).toEqual([
      {
        period: { from: P0, to: at(168) },
        byOutcome: { successful: 2, successful_with_issues: 1, failed: 0, rolled_back: 0 },
        successRate: { numerator: 3, denominator: 3, value: 1 },
      },
      {
        period: { from: at(168), to: at(336) },
        byOutcome: { successful: 0, successful_with_issues: 0, failed: 1, rolled_back: 1 },
        successRate: { numerator: 0, denominator: 2, value: 0 },
      },
    ]);
  });

  it('makes the first week short when the period is not whole weeks, and none for an empty period', () => {
    const tenDays = weeklyTrend(CHANGES, { from: at(96), to: at(336) });
    expect(tenDays.map((w) => [w.period.from, w.period.to])).toEqual([
      [at(96), at(168)],
      [at(168), at(336)],
    ]);
    expect(tenDays[0]?.byOutcome.successful_with_issues).toBe(1);
    expect(weeklyTrend(CHANGES, EMPTY)).toEqual([]);
  });
});
