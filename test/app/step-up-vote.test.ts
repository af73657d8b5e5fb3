import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../src/app/approval/step-up.ts';
import type { Actor } from '../../src/app/context.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { editChange } from '../../src/app/use-cases/edit-change.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { listAudit } from '../../src/db/audit.ts';
import { draftOfChange } from '../../src/domain/change/change.ts';
import type { RiskAnswers } from '../../src/domain/change/types.ts';
import { DEFAULTS, makeDraft, makePolicy } from '../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

/** 9 points on the wiki: high risk. */
const HIGH: RiskAnswers = {
  impact: 'outage',
  complexity: 'complex',
  tested: 'partially',
  backout: 'hard',
  failedBefore: false,
};

let h: AppHarness;
let rita: Actor;
let alice: Actor;
beforeEach(() => {
  h = createAppHarness({
    policy: makePolicy({ defaults: { ...DEFAULTS, stepUpRisk: ['high', 'very_high'] } }),
  });
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
});
afterEach(() => h.close());

function raiseHigh() {
  const raised = raiseChange(h.ctx, rita, { draft: makeDraft({ risk: HIGH }) });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  expect(raised.value.change.riskLevel).toBe('high');
  return raised.value.change;
}
const votes = () => (h.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;

describe('step-up approvals of high-risk changes', () => {
  it('never counts a plain approve, and changes nothing', () => {
    const change = raiseHigh();
    const auditBefore = listAudit(h.database.db, change.id).length;
    const plain = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(!plain.ok && plain.error.code).toBe('step_up_required');
    expect(votes()).toBe(0);
    expect(listAudit(h.database.db, change.id)).toHaveLength(auditBefore);
  });

  it('counts an approval confirmed on the fingerprint stored now, and audits the fingerprint', () => {
    const change = raiseHigh();
    const fingerprint = fingerprintOf(change);
    const cast = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
      confirmedFingerprint: fingerprint,
    });
    expect(cast.ok).toBe(true);
    expect(votes()).toBe(1);
    const confirmed = listAudit(h.database.db, change.id).find((e) => e.action === 'vote.step_up_confirmed');
    expect(confirmed?.data).toEqual({ fingerprint });
  });

  it('refuses a confirmation of a change edited meanwhile', () => {
    const change = raiseHigh();
    const fingerprint = fingerprintOf(change);
    const edited = editChange(h.ctx, rita, {
      changeId: change.id,
      expectedVersion: 1,
      draft: { ...draftOfChange(change), implementationPlan: 'Something else.' },
    });
    expect(edited.ok).toBe(true);
    const stale = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 2,
      decision: 'approve',
      reason: null,
      confirmedFingerprint: fingerprint,
    });
    expect(!stale.ok && stale.error.code).toBe('fingerprint_changed');
    expect(votes()).toBe(0);
  });

  it('needs no step-up to reject, nor for a risk level the policy does not name', () => {
    const change = raiseHigh();
    expect(
      castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'reject', reason: 'No.' }).ok,
    ).toBe(true);
    const low = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!low.ok) throw new Error('not raised');
    expect(
      castVote(h.ctx, alice, { changeId: low.value.change.id, version: 1, decision: 'approve', reason: null })
        .ok,
    ).toBe(true);
  });
});
