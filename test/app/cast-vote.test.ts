import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { editChange } from '../../src/app/use-cases/edit-change.ts';
import { answerQuestion, requestInfo } from '../../src/app/use-cases/questions.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { listAudit, verifyAuditChain } from '../../src/db/audit.ts';
import { MEDIUM_ANSWERS, makeDraft } from '../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
let carol: Actor;
let bob: Actor;

beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
  carol = h.slackActor('UCAROL', 'Carol', 'carol@example.com');
  bob = h.teamsActor('teams-bob', 'Bob');
});
afterEach(() => h.close());

function raiseMedium() {
  const raised = raiseChange(h.ctx, rita, {
    draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore the snapshot.' }),
  });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  expect(raised.value.change.riskLevel).toBe('medium');
  return raised.value.change;
}

const jobKinds = () =>
  h.database.sqlite
    .prepare('SELECT kind FROM jobs ORDER BY id')
    .all()
    .map((r) => (r as { kind: string }).kind);

describe('a vote after the deadline', () => {
  it('expires the change that waited past its deadline, instead of approving it late', () => {
    const change = raiseMedium();
    // The expiry job did not run (a restart, a backlog): 73 hours later the change is still awaiting.
    h.clock.advanceMinutes(73 * 60);
    const late = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(late.ok ? null : late.error).toMatchObject({
      code: 'not_open_for_votes',
      message: expect.stringMatching(/^CHG-\d+ expired without a decision on /),
    });
    expect(h.ctx.repos.changes.get(change.id)?.state).toBe('expired');
    expect(h.ctx.repos.changes.listVotes(change.id)).toHaveLength(0);
    const asked = requestInfo(h.ctx, carol, { changeId: change.id, version: 1, question: 'Still needed?' });
    expect(asked.ok ? null : asked.error.code).toBe('not_open_for_votes');
  });
});

describe('castVote', () => {
  it('approves a medium-risk change when the second CAB member approves', () => {
    const change = raiseMedium();
    const first = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(first.ok && first.value.decided).toBe(null);
    expect(first.ok && first.value.tally.approvals).toBe(1);
    const second = castVote(h.ctx, bob, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(second.ok && second.value.decided).toBe('approved');
    expect(h.ctx.repos.changes.get(change.id)?.state).toBe('scheduled');
    const actions = listAudit(h.database.db, change.id).map((e) => e.action);
    expect(actions).toEqual(['change.raised', 'vote.approve', 'vote.approve', 'change.approved']);
    expect(verifyAuditChain(h.database.db)).toMatchObject({ ok: true });
    expect(jobKinds()).toContain('notify.person');
  });

  it('refuses the requester voting on their own change and records nothing', () => {
    const change = raiseMedium();
    h.ctx.policy.boards[0]!.members; // Rita is not a member, but segregation of duties is checked first
    const result = castVote(h.ctx, rita, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'self_approval' } });
    expect(h.ctx.repos.changes.listVotes(change.id)).toHaveLength(0);
  });

  it('refuses someone outside the CAB', () => {
    const change = raiseMedium();
    const mallory = h.slackActor('UMAL', 'Mallory');
    const result = castVote(h.ctx, mallory, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_cab_member' } });
    expect(!result.ok && result.error.message).toContain('Change Advisory Board');
  });

  it('refuses a second click and says when the first vote was cast', () => {
    const change = raiseMedium();
    castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const again = castVote(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate_vote' } });
    expect(!again.ok && again.error.message).toMatch(/You already approved CHG-\d+ on/);
    expect(h.ctx.repos.changes.listVotes(change.id)).toHaveLength(1);
  });

  it('tells a late voter who approved the change and when', () => {
    const change = raiseMedium();
    castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    castVote(h.ctx, bob, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const late = castVote(h.ctx, carol, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'not_open_for_votes' } });
    expect(!late.ok && late.error.message).toMatch(/CHG-\d+ was approved by Alice and Bob on 2 Mar 2026/);
  });

  it('requires a reason to reject, and a reason vetoes a high-risk change', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({
        services: ['payments'],
        risk: { ...MEDIUM_ANSWERS, impact: 'outage' },
        testPlan: 'Smoke tests',
      }),
    });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    const id = raised.value.change.id;
    const noReason = castVote(h.ctx, alice, { changeId: id, version: 1, decision: 'reject', reason: '  ' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'reason_required', field: 'reason' } });
    const rejected = castVote(h.ctx, alice, {
      changeId: id,
      version: 1,
      decision: 'reject',
      reason: 'Peak season',
    });
    expect(rejected.ok && rejected.value.decided).toBe('rejected');
    expect(h.ctx.repos.changes.get(id)?.state).toBe('rejected');
  });

  it('refuses a vote on an older version after an edit, and earlier votes stop counting', () => {
    const change = raiseMedium();
    castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const edited = editChange(h.ctx, rita, {
      changeId: change.id,
      expectedVersion: 1,
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, title: 'Upgrade the CRM instead' }),
    });
    expect(edited.ok && edited.value.version).toBe(2);
    const stale = castVote(h.ctx, bob, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale_version' } });
    const fresh = castVote(h.ctx, bob, {
      changeId: change.id,
      version: 2,
      decision: 'approve',
      reason: null,
    });
    expect(fresh.ok && fresh.value.tally.approvals).toBe(1);
    expect(fresh.ok && fresh.value.decided).toBe(null);
  });

  it('reopens an approved change when its requester edits it', () => {
    const change = raiseMedium();
    castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    castVote(h.ctx, bob, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const edited = editChange(h.ctx, rita, {
      changeId: change.id,
      expectedVersion: 1,
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, implementationPlan: 'A different plan' }),
    });
    expect(edited.ok && edited.value.state).toBe('authorise');
    expect(edited.ok && edited.value.decidedAt).toBe(null);
  });

  it('counts one person once across Slack and Teams (linked by email)', () => {
    const change = raiseMedium();
    castVote(h.ctx, carol, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const carolOnTeams = h.teamsActor('teams-carol', 'Carol', 'carol@example.com');
    expect(carolOnTeams.person.id).toBe(carol.person.id);
    const again = castVote(h.ctx, carolOnTeams, {
      changeId: change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate_vote' } });
  });

  it('a requester on Slack cannot approve on Teams', () => {
    const raised = raiseChange(h.ctx, carol, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    const carolOnTeams = h.teamsActor('teams-carol', 'Carol', 'carol@example.com');
    const result = castVote(h.ctx, carolOnTeams, {
      changeId: raised.value.change.id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'self_approval' } });
  });
});

describe('request info', () => {
  it('records a question, lets only the requester answer it, once', () => {
    const change = raiseMedium();
    const asked = requestInfo(h.ctx, alice, {
      changeId: change.id,
      version: 1,
      question: 'Which CRM nodes?',
    });
    if (!asked.ok) throw new Error('ask failed');
    const byOther = answerQuestion(h.ctx, bob, { questionId: asked.value.questionId, answer: 'All' });
    expect(byOther).toMatchObject({ ok: false, error: { code: 'not_requester' } });
    expect(answerQuestion(h.ctx, rita, { questionId: asked.value.questionId, answer: 'Nodes 1-3' }).ok).toBe(
      true,
    );
    const twice = answerQuestion(h.ctx, rita, { questionId: asked.value.questionId, answer: 'again' });
    expect(twice).toMatchObject({ ok: false, error: { code: 'already_answered' } });
    expect(h.ctx.repos.changes.listQuestions(change.id)[0]).toMatchObject({
      answer: 'Nodes 1-3',
      answeredByName: 'Rita',
    });
  });
});
