import { describe, expect, it } from 'vitest';
import { metricsView } from '../../../src/domain/metrics/metrics-view.ts';
import { computeMetrics } from '../../../src/domain/metrics/report.ts';
import { CHANGES, RELEASES, TWO_WEEKS } from './metrics-fixtures.ts';

const opts = { title: 'Change metrics', scope: 'Last 14 days · all services', boardNames: { cab: 'CAB' } };

describe('the metrics view', () => {
  it('words every figure, with board names from the policy', () => {
    const report = computeMetrics(
      {
        changes: CHANGES,
        releases: RELEASES,
        unregisteredChanges: [],
        audit: { chainVerifies: true, eventCount: 9, brokenAt: null, refusedSelfApprovals: [] },
      },
      TWO_WEEKS,
    );
    const view = metricsView(report, opts);
    expect(view.sections.map((s) => [s.heading, s.facts.map((f) => `${f.label}: ${f.value}`)])).toEqual([
      [
        'Changes',
        [
          'Change success rate: 60 % (3 of 5)',
          'Outcomes: 2 successful · 1 with issues · 1 failed · 1 rolled back',
          'Raised: 8 (1 standard · 6 normal · 1 emergency)',
          'Emergency-change ratio: 13 % (1 of 8)',
          'By risk: 3 low · 2 medium · 2 high · 1 very high',
          'Lead time to approval: median 10.0 h · p90 18.0 h (3)',
          'Lead time to implementation: median 2.0 d · p90 5.9 d (5)',
          'Incidents caused by changes: 3 (from 2 of 5 changes)',
        ],
      ],
      ['By service', ['web: 6 raised · success 75 % (3 of 4)', 'api: 2 raised · success 0 % (0 of 1)']],
      [
        'Approvals by board',
        [
          'CAB: median 20.0 h · p90 28.0 h (3) · decided before expiry 75 % (3 of 4)',
          'ecab: median 1.0 h · p90 1.0 h (1) · decided before expiry 100 % (1 of 1)',
        ],
      ],
      [
        'Releases and deployments',
        [
          'Successful release rate: 67 % (2 of 3)',
          'Releases with incidents: 67 % (2 of 3)',
          'Adherence to the release schedule: 75 % (3 of 4)',
          'Changes released per week: 2.5',
          'Unregistered changes found by the gate: 0',
        ],
      ],
      ['Audit', ['Audit chain: verifies (9 events)', 'Refused self-approvals: 0']],
    ]);
  });

  it('says "no data" for what has no records and for shares of nothing', () => {
    const report = computeMetrics(
      { changes: [], releases: null, unregisteredChanges: null, audit: null },
      TWO_WEEKS,
    );
    const values = metricsView(report, opts).sections.flatMap((s) => s.facts.map((f) => [f.label, f.value]));
    expect(Object.fromEntries(values)).toMatchObject({
      'Change success rate': 'no data',
      'Emergency-change ratio': 'no data',
      'Lead time to approval': 'no data',
      'Incidents caused by changes': 'no data',
      Decisions: 'no data',
      'Successful release rate': 'no data',
      'Changes released per week': 'no data',
      'Unregistered changes found by the gate': 'no data',
      'Audit chain': 'no data',
      'Refused self-approvals': 'no data',
    });
  });

  it('shows a broken chain plainly', () => {
    const report = computeMetrics(
      {
        changes: [],
        releases: null,
        unregisteredChanges: null,
        audit: { chainVerifies: false, eventCount: 0, brokenAt: 12, refusedSelfApprovals: [] },
      },
      TWO_WEEKS,
    );
    const audit = metricsView(report, opts).sections.at(-1);
    expect(audit?.facts[0]).toEqual({ label: 'Audit chain', value: 'BROKEN at event 12' });
  });
});
