import { describe, expect, it } from 'vitest';
import { checkVote, isRequester, type VoteCheckInput } from '../../../src/domain/change/approval.ts';
import type { ChangeState } from '../../../src/domain/change/types.ts';
import type { Board } from '../../../src/domain/policy/types.ts';

// Carol votes on Alice's change at version 2: every check passes.
const fine: VoteCheckInput = {
  state: 'authorise',
  currentVersion: 2,
  votedVersion: 2,
  voterIsRequester: false,
  isMember: true,
  alreadyVoted: false,
  decision: 'approve',
  reason: null,
};

const codeOf = (overrides: Partial<VoteCheckInput>): string | null => {
  const result = checkVote({ ...fine, ...overrides });
  return result.ok ? null : result.error.code;
};

describe('checkVote', () => {
  it.each([
    ['an approval without reason', { decision: 'approve' }],
    ['a rejection with a reason', { decision: 'reject', reason: 'Clashes with the release.' }],
    ['a request for information with a question', { decision: 'request_info', reason: 'Which hosts?' }],
    [
      'a request for information after voting',
      { decision: 'request_info', reason: 'Which?', alreadyVoted: true },
    ],
  ] as [string, Partial<VoteCheckInput>][])('accepts %s from a CAB member', (_what, overrides) => {
    expect(checkVote({ ...fine, ...overrides })).toEqual({ ok: true, value: undefined });
  });

  it.each([
    'new',
    'assess',
    'scheduled',
    'implement',
    'review',
    'closed',
    'rejected',
    'cancelled',
    'expired',
  ] as ChangeState[])('refuses votes on a change in %s with not_open_for_votes', (state) => {
    expect(codeOf({ state })).toBe('not_open_for_votes');
  });

  it('refuses a vote cast on an older version of the card, telling both versions', () => {
    expect(checkVote({ ...fine, votedVersion: 1 })).toEqual({
      ok: false,
      error: {
        code: 'stale_version',
        message:
          'This card shows version 1; the change was edited since (now version 2). Look at the updated card and vote again.',
      },
    });
  });

  it.each([
    ['approve', 'You raised this change, so you cannot approve it (segregation of duties).'],
    ['reject', 'You raised this change, so you cannot reject it (segregation of duties).'],
    ['request_info', 'You raised this change, so you cannot vote on it (segregation of duties).'],
  ] as [VoteCheckInput['decision'], string][])(
    'refuses the requester’s own %s (segregation of duties)',
    (decision, message) => {
      expect(checkVote({ ...fine, voterIsRequester: true, decision, reason: 'Because.' })).toEqual({
        ok: false,
        error: { code: 'self_approval', message },
      });
    },
  );

  it('refuses a person who is not on the board', () => {
    expect(codeOf({ isMember: false })).toBe('not_cab_member');
  });

  it.each(['approve', 'reject'] as const)('refuses a second %s on the same version', (decision) => {
    expect(codeOf({ alreadyVoted: true, decision, reason: 'Again.' })).toBe('duplicate_vote');
  });

  it.each([
    ['reject', null],
    ['reject', ''],
    ['reject', '   '],
    ['request_info', null],
    ['request_info', '\n'],
  ] as [VoteCheckInput['decision'], string | null][])(
    'asks for a reason on %s with reason %j',
    (decision, reason) => {
      const result = checkVote({ ...fine, decision, reason });
      expect(!result.ok && result.error.code).toBe('reason_required');
      expect(!result.ok && result.error.field).toBe('reason');
    },
  );

  it.each([
    ['closed state before a stale version', { state: 'closed', votedVersion: 1 }, 'not_open_for_votes'],
    ['a stale version before self-approval', { votedVersion: 1, voterIsRequester: true }, 'stale_version'],
    ['self-approval before membership', { voterIsRequester: true, isMember: false }, 'self_approval'],
    ['membership before a duplicate vote', { isMember: false, alreadyVoted: true }, 'not_cab_member'],
    [
      'a duplicate vote before a missing reason',
      { alreadyVoted: true, decision: 'reject', reason: '' },
      'duplicate_vote',
    ],
  ] as [string, Partial<VoteCheckInput>, string][])('checks %s', (_order, overrides, code) => {
    expect(codeOf(overrides)).toBe(code);
  });
});

describe('isRequester', () => {
  const board = {
    id: 'cab',
    name: 'CAB',
    members: [{ name: 'Ed', slack: 'UED', teams: 'teams-ed' }, { email: 'carol@example.com' }],
  } as unknown as Board;
  const ed = { id: 1, slackUserId: 'UED', teamsUserId: null, email: null };

  it('knows the same record, a shared email, and two records one member entry names', () => {
    expect(isRequester([board], ed, ed)).toBe(true);
    expect(isRequester([], { id: 2, email: 'Ed@Example.com ' }, { id: 1, email: 'ed@example.com' })).toBe(
      true,
    );
    expect(isRequester([board], { id: 2, teamsUserId: 'teams-ed' }, ed)).toBe(true);
  });

  it('tells different people apart', () => {
    expect(isRequester([board], { id: 3, email: 'carol@example.com' }, ed)).toBe(false);
    expect(isRequester([board], { id: 4, email: null }, { id: 5, email: null })).toBe(false);
  });
});
