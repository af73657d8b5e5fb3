import { describe, expect, it } from 'vitest';
import { computeMetrics, type MetricsInput } from '../../../src/domain/metrics/report.ts';
import { at, CHANGES, RELEASES, TWO_WEEKS } from './metrics-fixtures.ts';

const INPUT: MetricsInput = {
  changes: CHANGES,
  releases: RELEASES,
  unregisteredChanges: [
    { at: at(5), service: 'web' },
    { at: at(400), service: 'web' },
    { at: at(10), service: 'api' },
  ],
  audit: {
    chainVerifies: true,
    eventCount: 42,
    brokenAt: null,
    refusedSelfApprovals: [
      { at: at(5), changeId: 1 },
      { at: at(-5), changeId: 1 },
      { at: at(6), changeId: 3 },
    ],
  },
};

describe('the metrics report', () => {
  it('puts every figure of the period together', () => {
    const report = computeMetrics(INPUT, TWO_WEEKS);
    expect(report.success.rate.value).toBe(0.6);
    expect(report.mix.emergencyRatio.value).toBe(0.125);
    expect(report.releases?.changesPerWeek).toBe(2.5);
    expect(report.unregisteredChanges).toBe(2);
    expect(report.audit).toEqual({
      chainVerifies: true,
      eventCount: 42,
      brokenAt: null,
      refusedSelfApprovals: 2,
    });
    expect(report.trend).toHaveLength(2);
    expect(report.by.service.map((r) => r.key)).toEqual(['web', 'api']);
    expect(report.by.model).toEqual([
      { key: 'restart-service', raised: 1, successRate: { numerator: 1, denominator: 1, value: 1 } },
    ]);
  });

  it('narrows to one service, changes, releases, the gate and refusals alike', () => {
    const report = computeMetrics(INPUT, TWO_WEEKS, { service: 'api' });
    // Changes 3 (rolled back) and 5 (expired).
    expect(report.success.rate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(report.mix.raised).toBe(2);
    expect(report.mix.emergencyRatio.value).toBe(0.5);
    expect(report.approvals.map((b) => b.boardId)).toEqual(['cab', 'ecab']);
    expect(report.releases?.successRate).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(report.unregisteredChanges).toBe(1);
    expect(report.audit?.refusedSelfApprovals).toBe(1);
  });

  it('narrows to one board or one change model', () => {
    const cab = computeMetrics(INPUT, TWO_WEEKS, { boardId: 'cab' });
    expect(cab.mix.byType).toEqual({ standard: 0, normal: 6, emergency: 0 });
    const model = computeMetrics(INPUT, TWO_WEEKS, { modelId: 'restart-service' });
    expect(model.mix.byType).toEqual({ standard: 1, normal: 0, emergency: 0 });
    expect(model.success.byOutcome.successful_with_issues).toBe(1);
    expect(model.leadTimes.toApproval.count).toBe(0);
  });

  it('says "no data" (null) for records the product does not keep yet, never zero', () => {
    const report = computeMetrics(
      { changes: [], releases: null, unregisteredChanges: null, audit: null },
      TWO_WEEKS,
    );
    expect(report.releases).toBeNull();
    expect(report.unregisteredChanges).toBeNull();
    expect(report.audit).toBeNull();
    expect(report.success.rate.value).toBeNull();
  });

  it('counts refusals in a broken chain all the same', () => {
    const report = computeMetrics(
      { ...INPUT, audit: { chainVerifies: false, eventCount: 7, brokenAt: 4, refusedSelfApprovals: [] } },
      TWO_WEEKS,
    );
    expect(report.audit).toEqual({
      chainVerifies: false,
      eventCount: 7,
      brokenAt: 4,
      refusedSelfApprovals: 0,
    });
  });
});
