import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/app/api/tokens.ts';
import type { Actor } from '../../../src/app/context.ts';
import { recordDeployment } from '../../../src/app/gate/record-deployment.ts';
import { metricsForQuery } from '../../../src/app/metrics/metrics-report.ts';
import { appMetricsSources } from '../../../src/app/metrics/metrics-sources.ts';
import { createRelease } from '../../../src/app/release/create-release.ts';
import {
  addChange,
  cancelRelease,
  completeRelease,
  startRelease,
} from '../../../src/app/release/manage-release.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { completeChange, startImplementation } from '../../../src/app/use-cases/implementation.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { metricsView } from '../../../src/domain/metrics/metrics-view.ts';
import { hoursAfter, makeDraft, NOW } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { releasePolicy } from '../release/release-fixture.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
beforeEach(() => {
  h = createAppHarness({ policy: releasePolicy() });
  syncPolicyPeople(h.ctx);
  rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
});
afterEach(() => h.close());

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
/** An approved change on the wiki, its window from NOW + 2 h to NOW + 4 h. */
function approvedChange(title: string): number {
  const id = ok(
    raiseChange(h.ctx, rita, {
      draft: makeDraft({ title, plannedStart: hoursAfter(NOW, 2), plannedEnd: hoursAfter(NOW, 4) }),
    }),
  ).change.id;
  ok(castVote(h.ctx, alice, { changeId: id, version: 1, decision: 'approve', reason: null }));
  return id;
}
const plan = (modelId: string, name: string, startHours: number) =>
  ok(createRelease(h.ctx, rita, { modelId, name, start: hoursAfter(NOW, startHours), minutes: 60 })).id;

describe('release and gate figures read from the database', () => {
  it('counts success, incidents, adherence and throughput of releases, and the gate’s unregistered changes', () => {
    const shipped = approvedChange('Upgrade the wiki');
    const broken = approvedChange('Reindex the wiki');
    const onTime = plan('web-train', 'Web 2026.10', 2); // window NOW + 2 h to + 3 h
    const early = plan('hotfix', 'Hotfix 1', 5); // window NOW + 5 h to + 6 h
    const dropped = plan('hotfix', 'Hotfix 2', 7);
    ok(addChange(h.ctx, rita, { releaseId: onTime, changeId: shipped }));
    ok(addChange(h.ctx, rita, { releaseId: early, changeId: broken }));
    ok(cancelRelease(h.ctx, rita, { releaseId: dropped, reason: null }));

    // The hotfix starts four hours before its window; the train inside its own.
    h.clock.set(hoursAfter(NOW, 1));
    ok(startRelease(h.ctx, rita, { releaseId: early }));
    h.clock.set(hoursAfter(NOW, 2.5));
    ok(startRelease(h.ctx, rita, { releaseId: onTime }));
    h.clock.set(hoursAfter(NOW, 3));
    ok(completeRelease(h.ctx, rita, { releaseId: onTime, outcome: 'successful', notes: null }));
    ok(completeRelease(h.ctx, rita, { releaseId: early, outcome: 'failed', notes: 'Index corrupted.' }));
    // The hotfix's change caused two incidents (recorded at its completion).
    ok(startImplementation(h.ctx, rita, { changeId: broken }));
    ok(completeChange(h.ctx, rita, { changeId: broken, outcome: 'failed', note: 'x', incidentsCaused: 2 }));

    // Deployments reported by a pipeline: two to production with no covering change, one to staging.
    ok(createApiToken(h.ctx, { name: 'ci', scopes: ['deployments'], createdBy: 'test', platform: 'cli' }));
    const client = { tokenId: 1, name: 'ci', scopes: ['deployments'] as const };
    const report = (service: string, environment: string) =>
      ok(
        recordDeployment(h.ctx, client, {
          service,
          environment,
          version: '1.0',
          changeId: null,
          status: 'succeeded',
          run: null,
        }),
      );
    report('crm', 'production');
    report('web', 'production');
    report('crm', 'staging');
    expect(h.ctx.repos.deployments.countUnregistered(NOW, hoursAfter(NOW, 4))).toBe(2);

    h.clock.set(hoursAfter(NOW, 4));
    const sources = appMetricsSources(h.ctx);
    const all = metricsForQuery(h.ctx, sources, { window: '7d', service: null });
    expect(all.releases).toEqual({
      successRate: { numerator: 1, denominator: 2, value: 0.5 },
      withIncidents: { numerator: 1, denominator: 2, value: 0.5 },
      scheduleAdherence: { numerator: 1, denominator: 2, value: 0.5 },
      changesReleased: 1,
      changesPerWeek: 1,
    });
    expect(all.unregisteredChanges).toBe(2);

    // Narrowed to CRM: the train (wiki, web) is not CRM's; the hotfix names no service, so it concerns all.
    const crm = metricsForQuery(h.ctx, sources, { window: '7d', service: 'crm' });
    expect(crm.releases?.successRate).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(crm.unregisteredChanges).toBe(1);

    const facts = metricsView(all, {
      title: 'Change metrics',
      scope: 'all',
      boardNames: {},
    }).sections.flatMap((s) => s.facts);
    const value = (label: string) => facts.find((f) => f.label === label)?.value;
    expect(value('Changes released per week')).toBe('1.0');
    expect(value('Unregistered changes found by the gate')).toBe('2');
    expect(value('Successful release rate')).not.toBe('no data');

    // A period before anything happened: zero releases counted is no division, not "no data" for the source.
    h.clock.set(hoursAfter(NOW, -24 * 8));
    const before = metricsForQuery(h.ctx, sources, { window: '7d', service: null });
    expect(before.releases?.successRate).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(before.unregisteredChanges).toBe(0);
  });
});
