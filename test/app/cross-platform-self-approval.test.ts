import { afterEach, describe, expect, it } from 'vitest';
import { delegateVote } from '../../src/app/approval/delegation.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { requestInfo } from '../../src/app/use-cases/questions.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../src/app/use-cases/sync-policy-people.ts';
import { whyCannotVote } from '../../src/platforms/teams/card-views.ts';
import { CAB, makeDraft, makePolicy } from '../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

// Ed sits on the CAB with a Slack and a Teams id and no email in the policy, so his two records are never
// linked: the requester must still not approve his own change from the other platform (segregation of duties).
let h: AppHarness;
afterEach(() => h.close());

function setUp(ed: { finalSay?: boolean } = {}) {
  const board = {
    ...CAB,
    members: [...CAB.members, { name: 'Ed', slack: 'UED', teams: 'teams-ed', ...ed }],
  };
  h = createAppHarness({
    policy: makePolicy({
      boards: [board],
      routes: [{ type: 'normal', board: 'cab', rule: { kind: 'any' } }],
    }),
  });
  syncPolicyPeople(h.ctx);
  const edOnSlack = h.slackActor('UED', 'Ed');
  const raised = raiseChange(h.ctx, edOnSlack, { draft: makeDraft() });
  if (!raised.ok) throw new Error(raised.error.message);
  const edOnTeams = h.teamsActor('teams-ed', 'Ed');
  expect(edOnTeams.person.id).not.toBe(edOnSlack.person.id);
  return { changeId: raised.value.change.id, edOnTeams };
}

describe('a requester known by two unlinked records', () => {
  it('cannot approve from the other platform', () => {
    const { changeId, edOnTeams } = setUp();
    const result = castVote(h.ctx, edOnTeams, { changeId, version: 1, decision: 'approve', reason: null });
    expect(result.ok ? null : result.error.code).toBe('self_approval');
    expect(h.ctx.repos.changes.get(changeId)?.state).toBe('authorise');
    expect(h.ctx.repos.changes.listVotes(changeId)).toHaveLength(0);
  });

  it('cannot decide alone through a final say either', () => {
    const { changeId, edOnTeams } = setUp({ finalSay: true });
    const result = castVote(h.ctx, edOnTeams, { changeId, version: 1, decision: 'approve', reason: null });
    expect(result.ok ? null : result.error.code).toBe('self_approval');
    expect(h.ctx.repos.changes.get(changeId)?.state).toBe('authorise');
  });

  it('is shown no vote buttons in Teams, and cannot ask the CAB question of himself', () => {
    const { changeId, edOnTeams } = setUp();
    const change = h.ctx.repos.changes.get(changeId)!;
    expect(whyCannotVote(h.ctx, change, edOnTeams.person)).toMatch(/You raised this change/);
    const asked = requestInfo(h.ctx, edOnTeams, { changeId, version: 1, question: 'Is this fine?' });
    expect(asked.ok ? null : asked.error.code).toBe('self_approval');
  });

  it('cannot vote on his own change for someone who delegated to him', () => {
    const { changeId, edOnTeams } = setUp();
    const carol = h.slackActor('UCAROL', 'Carol', 'carol@example.com');
    const delegated = delegateVote(h.ctx, carol, {
      delegate: edOnTeams.person,
      startsAt: h.clock.now(),
      endsAt: new Date(h.clock.now().getTime() + 86_400_000),
    });
    expect(delegated.ok).toBe(true);
    const result = castVote(h.ctx, edOnTeams, { changeId, version: 1, decision: 'approve', reason: null });
    expect(result.ok ? null : result.error.code).toBe('self_approval');
    expect(h.ctx.repos.changes.listVotes(changeId)).toHaveLength(0);
  });
});
