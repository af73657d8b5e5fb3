import { describe, expect, it } from 'vitest';
import {
  eligibleMembers,
  type Identity,
  memberMatches,
  requiredApprovals,
  ruleLabel,
  selectRoute,
} from '../../../src/domain/change/approval.ts';
import type { RiskLevel } from '../../../src/domain/change/types.ts';
import type { ApprovalRule, Board, MemberRef } from '../../../src/domain/policy/types.ts';
import { CAB, makePolicy } from '../fixtures.ts';

describe('selectRoute', () => {
  it.each([
    ['normal', 'low', 'cab', 'any'],
    ['normal', 'medium', 'cab', 'n_of_m'],
    ['normal', 'high', 'cab', 'majority'],
    ['normal', 'very_high', 'cab', 'majority'],
    ['emergency', 'low', 'ecab', 'any'],
    ['emergency', 'very_high', 'ecab', 'any'],
  ] as ['normal' | 'emergency', RiskLevel, string, string][])(
    'routes a %s change of %s risk to board %s with rule %s',
    (type, level, board, rule) => {
      const result = selectRoute(makePolicy(), type, level);
      expect(result.ok && result.value.board.id).toBe(board);
      expect(result.ok && result.value.route.rule.kind).toBe(rule);
    },
  );

  it('takes the first matching route when several match', () => {
    const policy = makePolicy({
      routes: [
        { type: 'normal', board: 'ecab', rule: { kind: 'all' } },
        { type: 'normal', risk: ['low'], board: 'cab', rule: { kind: 'any' } },
      ],
    });
    const result = selectRoute(policy, 'normal', 'low');
    expect(result.ok && result.value.board.id).toBe('ecab');
  });

  it('fails with no_route when no route covers the type and level', () => {
    const policy = makePolicy({
      routes: [{ type: 'normal', risk: ['low'], board: 'cab', rule: { kind: 'any' } }],
    });
    expect(selectRoute(policy, 'normal', 'high')).toEqual({
      ok: false,
      error: {
        code: 'no_route',
        message:
          'The change policy names no approval route for normal changes of high risk; ask the change manager.',
      },
    });
    const emergency = selectRoute(policy, 'emergency', 'low');
    expect(!emergency.ok && emergency.error.code).toBe('no_route');
  });

  it('fails with unknown_board when the route names a board the policy lacks', () => {
    const policy = makePolicy({ routes: [{ type: 'emergency', board: 'ghost', rule: { kind: 'any' } }] });
    const result = selectRoute(policy, 'emergency', 'medium');
    expect(!result.ok && result.error.code).toBe('unknown_board');
    expect(!result.ok && result.error.message).toContain("'ghost'");
  });
});

describe('memberMatches', () => {
  const member: MemberRef = { email: 'Alice@Example.com', slack: 'UALICE', teams: 'teams-alice' };

  it.each([
    ['the same email in another case', { email: 'alice@example.COM' }, true],
    ['the Slack id', { slackUserId: 'UALICE' }, true],
    ['the Teams id', { teamsUserId: 'teams-alice' }, true],
    ['one matching identity among wrong ones', { email: 'x@example.com', slackUserId: 'UALICE' }, true],
    ['another email', { email: 'bob@example.com' }, false],
    ['another Slack id', { slackUserId: 'UBOB' }, false],
    ['no identity at all', {}, false],
    ['null identities', { email: null, slackUserId: null, teamsUserId: null }, false],
  ] as [string, Identity, boolean][])('matches a person by %s: %s', (_what, who, expected) => {
    expect(memberMatches(member, who)).toBe(expected);
  });

  it('does not match a member without an email to a person without one', () => {
    expect(memberMatches({ slack: 'UX' }, { email: '', slackUserId: 'UY' })).toBe(false);
    expect(memberMatches({ email: '' }, { email: '' })).toBe(false);
  });
});

describe('eligibleMembers', () => {
  it('keeps every board member when the requester is not on the board', () => {
    expect(eligibleMembers(CAB, { email: 'zoe@example.com' })).toHaveLength(4);
  });

  it('drops the requester from the board (segregation of duties), whichever identity they use', () => {
    const viaSlack = eligibleMembers(CAB, { slackUserId: 'UCAROL' });
    const viaTeams = eligibleMembers(CAB, { teamsUserId: 'teams-carol' });
    expect(viaSlack.map((m) => m.name)).toEqual(['Alice', 'Bob', 'Dave']);
    expect(viaTeams.map((m) => m.name)).toEqual(['Alice', 'Bob', 'Dave']);
  });

  it('counts a person listed twice under different identities once, keeping both identities', () => {
    const board: Board = {
      ...CAB,
      members: [
        { name: 'Alice', email: 'alice@example.com' },
        { name: 'Alice (Slack)', email: 'ALICE@example.com', slack: 'UALICE', finalSay: true },
        { name: 'Bob', teams: 'teams-bob' },
        { name: 'Bob again', teams: 'teams-bob' },
      ],
    };
    const people = eligibleMembers(board, { email: 'zoe@example.com' });
    expect(people).toEqual([
      { name: 'Alice', email: 'alice@example.com', slack: 'UALICE', finalSay: true },
      { name: 'Bob', teams: 'teams-bob' },
    ]);
  });

  it('answers the same board and requester from the fold it kept, and a different requester with their own', () => {
    const first = eligibleMembers(CAB, { slackUserId: 'UCAROL' });
    expect(eligibleMembers(CAB, { slackUserId: 'UCAROL' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(eligibleMembers(CAB, { slackUserId: 'UALICE' }).map((m) => m.name)).toEqual([
      'Bob',
      'Carol',
      'Dave',
    ]);
    // A board with other members (a reloaded policy) is folded afresh.
    const reloaded: Board = { ...CAB, members: CAB.members.slice(0, 2) };
    expect(eligibleMembers(reloaded, { slackUserId: 'UCAROL' }).map((m) => m.name)).toEqual(['Alice', 'Bob']);
  });

  it('drops every entry of a requester listed twice', () => {
    const board: Board = { ...CAB, members: [...CAB.members, { name: 'Alice again', slack: 'UALICE' }] };
    const people = eligibleMembers(board, { email: 'alice@example.com', slackUserId: 'UALICE' });
    expect(people.map((m) => m.name)).toEqual(['Bob', 'Carol', 'Dave']);
  });
});

describe('requiredApprovals and ruleLabel', () => {
  it.each([
    [{ kind: 'any' }, 4, 1, 'any 1 of 4'],
    [{ kind: 'n_of_m', n: 2 }, 4, 2, '2 of 4'],
    [{ kind: 'n_of_m', n: 5 }, 3, 3, '3 of 3'],
    [{ kind: 'n_of_m', n: 0 }, 3, 1, '1 of 3'],
    [{ kind: 'majority' }, 4, 3, 'majority (3 of 4)'],
    [{ kind: 'majority' }, 3, 2, 'majority (2 of 3)'],
    [{ kind: 'majority' }, 1, 1, 'majority (1 of 1)'],
    [{ kind: 'all' }, 4, 4, 'all 4'],
    [{ kind: 'all' }, 0, 1, 'all 0'],
    [{ kind: 'n_of_m', n: 2 }, 0, 1, '1 of 0'],
  ] as [ApprovalRule, number, number, string][])(
    'for rule %j with %i eligible needs %i approvals ("%s")',
    (rule, eligible, required, label) => {
      expect(requiredApprovals(rule, eligible)).toBe(required);
      expect(ruleLabel(rule, eligible)).toBe(label);
    },
  );
});
