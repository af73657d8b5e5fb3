import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { metricsForPeriod, metricsForQuery } from '../../../src/app/metrics/metrics-report.ts';
import { sqliteMetricsSources } from '../../../src/app/metrics/metrics-sources.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { completeChange, startImplementation } from '../../../src/app/use-cases/implementation.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { listAudit } from '../../../src/db/audit.ts';
import { hoursAfter, makeDraft, NOW } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;

beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
});
afterEach(() => h.close());

function raise(overrides: Parameters<typeof makeDraft>[0] = {}) {
  const raised = raiseChange(h.ctx, rita, { draft: makeDraft(overrides) });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  return raised.value.change.id;
}

const approve = (changeId: number) => {
  const voted = castVote(h.ctx, alice, { changeId, version: 1, decision: 'approve', reason: null });
  if (!voted.ok) throw new Error(JSON.stringify(voted.error));
};

describe('metrics read from the database', () => {
  it('computes success, lead times and refused self-approvals from real changes, votes and audit', () => {
    const wiki = raise();
    const web = raise({
      services: ['crm'],
      plannedStart: hoursAfter(NOW, 2),
      plannedEnd: hoursAfter(NOW, 4),
    });
    h.clock.advanceMinutes(60);
    // Rita tries to approve her own change: refused and recorded in the trail.
    const self = castVote(h.ctx, rita, { changeId: wiki, version: 1, decision: 'approve', reason: null });
    expect(self).toMatchObject({ ok: false, error: { code: 'self_approval' } });
    expect(listAudit(h.database.db, wiki).map((e) => e.action)).toEqual(['change.raised', 'vote.refused']);
    approve(web);
    h.clock.advanceMinutes(60);
    expect(startImplementation(h.ctx, rita, { changeId: web }).ok).toBe(true);
    h.clock.advanceMinutes(60);
    const done = completeChange(h.ctx, rita, {
      changeId: web,
      outcome: 'failed',
      note: 'x',
      incidentsCaused: 2,
    });
    expect(done.ok).toBe(true);

    h.clock.advanceMinutes(5);
    const sources = sqliteMetricsSources(h.database);
    const report = metricsForQuery(h.ctx, sources, { window: '7d', service: null });
    expect(report.mix.raised).toBe(2);
    expect(report.success.byOutcome.failed).toBe(1);
    expect(report.success.rate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(report.leadTimes.toApproval).toEqual({ count: 1, medianMs: 3_600_000, p90Ms: 3_600_000 });
    expect(report.leadTimes.toImplementation.medianMs).toBe(3 * 3_600_000);
    expect(report.incidents.incidents).toBe(2);
    expect(report.approvals).toEqual([
      {
        boardId: 'cab',
        decisionTime: { count: 1, medianMs: 3_600_000, p90Ms: 3_600_000 },
        decidedBeforeExpiry: { numerator: 1, denominator: 1, value: 1 },
      },
    ]);
    expect(report.audit).toMatchObject({ chainVerifies: true, refusedSelfApprovals: 1, brokenAt: null });
    expect(report.audit?.eventCount).toBe(
      listAudit(h.database.db, wiki).length + listAudit(h.database.db, web).length,
    );
    // No release or gate records in this build: no data, not zero.
    expect(report.releases).toBeNull();
    expect(report.unregisteredChanges).toBeNull();

    const wikiOnly = metricsForQuery(h.ctx, sources, { window: '7d', service: 'wiki' });
    expect(wikiOnly.mix.raised).toBe(1);
    expect(wikiOnly.success.rate.value).toBeNull();
    expect(wikiOnly.audit?.refusedSelfApprovals).toBe(1);
  });

  it('finds a change expired in the period, and nothing in a period before any change', () => {
    const id = raise();
    const sources = sqliteMetricsSources(h.database);
    h.database.sqlite.prepare(`UPDATE changes SET state = 'expired' WHERE id = ?`).run(id);
    const later = { from: hoursAfter(NOW, 70), to: hoursAfter(NOW, 80) };
    const report = metricsForPeriod(sources, later, null);
    expect(report.approvals[0]?.decidedBeforeExpiry).toEqual({ numerator: 0, denominator: 1, value: 0 });
    const before = metricsForPeriod(sources, { from: hoursAfter(NOW, -48), to: hoursAfter(NOW, -24) }, null);
    expect(before.mix.raised).toBe(0);
    expect(before.approvals).toEqual([]);
  });

  it('plugs in release and gate sources when a build has them', () => {
    const sources = sqliteMetricsSources(h.database, {
      releases: { releaseFacts: () => [] },
      gate: { unregisteredChanges: () => [{ at: NOW, service: 'web' }] },
    });
    const report = metricsForPeriod(sources, { from: hoursAfter(NOW, -1), to: hoursAfter(NOW, 1) }, null);
    expect(report.releases?.successRate.value).toBeNull();
    expect(report.unregisteredChanges).toBe(1);
  });
});
