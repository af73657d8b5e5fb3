import { describe, expect, it } from 'vitest';
import { type ApprovalInput, evaluateApproval } from '../../../src/domain/change/approval.ts';
import type { Vote } from '../../../src/domain/change/types.ts';
import type { ApprovalRule } from '../../../src/domain/policy/types.ts';
import { vote } from '../fixtures.ts';

const evaluate = (rule: ApprovalRule, votes: Vote[], overrides: Partial<ApprovalInput> = {}) =>
  evaluateApproval({ rule, veto: false, eligible: 4, finalSay: new Set(), votes, version: 1, ...overrides });

const ANY: ApprovalRule = { kind: 'any' };
const TWO: ApprovalRule = { kind: 'n_of_m', n: 2 };
const MAJORITY: ApprovalRule = { kind: 'majority' };
const ALL: ApprovalRule = { kind: 'all' };

describe('evaluateApproval without veto', () => {
  const rejectedBy = (...people: number[]) => people.map((p) => vote(p, 'reject'));
  const approvedBy = (...people: number[]) => people.map((p) => vote(p, 'approve'));

  it.each([
    { rule: ANY, votes: [], seen: 'no votes', outcome: 'pending' },
    { rule: ANY, votes: approvedBy(1), seen: 'one approval', outcome: 'approved' },
    { rule: ANY, votes: rejectedBy(1, 2, 3), seen: 'three of four rejections', outcome: 'pending' },
    { rule: ANY, votes: rejectedBy(1, 2, 3, 4), seen: 'four rejections', outcome: 'rejected' },
    { rule: TWO, votes: approvedBy(1), seen: 'one approval', outcome: 'pending' },
    { rule: TWO, votes: approvedBy(1, 2), seen: 'two approvals', outcome: 'approved' },
    { rule: TWO, votes: rejectedBy(1, 2), seen: 'two rejections', outcome: 'pending' },
    { rule: TWO, votes: rejectedBy(1, 2, 3), seen: 'three rejections', outcome: 'rejected' },
    { rule: MAJORITY, votes: approvedBy(1, 2), seen: 'two approvals', outcome: 'pending' },
    { rule: MAJORITY, votes: approvedBy(1, 2, 3), seen: 'three approvals', outcome: 'approved' },
    { rule: MAJORITY, votes: rejectedBy(1), seen: 'one rejection', outcome: 'pending' },
    { rule: MAJORITY, votes: rejectedBy(1, 2), seen: 'two rejections', outcome: 'rejected' },
    { rule: ALL, votes: approvedBy(1, 2, 3), seen: 'three approvals', outcome: 'pending' },
    { rule: ALL, votes: approvedBy(1, 2, 3, 4), seen: 'four approvals', outcome: 'approved' },
    { rule: ALL, votes: [...approvedBy(1), ...rejectedBy(2)], seen: 'one rejection', outcome: 'rejected' },
  ] as { rule: ApprovalRule; votes: Vote[]; seen: string; outcome: string }[])(
    'under rule $rule.kind with 4 eligible and $seen is $outcome',
    ({ rule, votes, outcome }) => {
      expect(evaluate(rule, votes).outcome).toBe(outcome);
    },
  );

  it('approves a medium-risk change when the second CAB member approves', () => {
    expect(evaluate(TWO, [vote(1, 'approve'), vote(2, 'reject'), vote(3, 'approve')])).toEqual({
      approvals: 2,
      rejections: 1,
      required: 2,
      eligible: 4,
      outcome: 'approved',
    });
  });
});

describe('evaluateApproval with veto', () => {
  it.each([
    ['any', ANY],
    ['2 of 4', TWO],
    ['majority', MAJORITY],
    ['all', ALL],
  ] as [string, ApprovalRule][])('rejects at the first rejection under rule %s', (_name, rule) => {
    expect(evaluate(rule, [vote(1, 'approve'), vote(2, 'reject')], { veto: true }).outcome).toBe('rejected');
  });

  it('stays pending while there are only approvals short of the rule', () => {
    expect(evaluate(MAJORITY, [vote(1, 'approve')], { veto: true }).outcome).toBe('pending');
  });
});

describe('evaluateApproval with a final say', () => {
  const finalSay = new Set([9]);

  it('approves at once when the change manager approves, whatever the rule', () => {
    expect(evaluate(ALL, [vote(9, 'approve')], { finalSay }).outcome).toBe('approved');
  });

  it('rejects at once when the change manager rejects, even without veto and with approvals reached', () => {
    const votes = [vote(1, 'approve'), vote(2, 'approve'), vote(9, 'reject', { minutesLater: 1 })];
    expect(evaluate(TWO, votes, { finalSay }).outcome).toBe('rejected');
  });

  it('lets the change manager overrule a vetoing rejection', () => {
    expect(evaluate(ANY, [vote(1, 'reject'), vote(9, 'approve')], { finalSay, veto: true }).outcome).toBe(
      'approved',
    );
  });

  it('ignores a final say given on an earlier version', () => {
    expect(evaluate(ALL, [vote(9, 'approve', { version: 1 })], { finalSay, version: 2 }).outcome).toBe(
      'pending',
    );
  });
});

describe('evaluateApproval votes', () => {
  it('ignores votes on version 1 once the change is at version 2', () => {
    const votes = [
      vote(1, 'approve', { version: 1 }),
      vote(2, 'approve', { version: 1 }),
      vote(3, 'approve', { version: 2 }),
    ];
    expect(evaluate(TWO, votes, { version: 2 })).toMatchObject({ approvals: 1, outcome: 'pending' });
  });

  it('counts the same person voting twice once', () => {
    expect(evaluate(TWO, [vote(1, 'approve'), vote(1, 'approve', { minutesLater: 1 })])).toMatchObject({
      approvals: 1,
      outcome: 'pending',
    });
  });

  it('keeps only the latest vote of a person who changed their mind', () => {
    const votes = [vote(1, 'reject', { minutesLater: 5 }), vote(1, 'approve', { minutesLater: 1 })];
    expect(evaluate(ANY, votes, { veto: true })).toMatchObject({
      approvals: 0,
      rejections: 1,
      outcome: 'rejected',
    });
  });

  it('rejects when no member is eligible, since approval can never be reached', () => {
    expect(evaluate(ANY, [], { eligible: 0 })).toMatchObject({
      required: 1,
      eligible: 0,
      outcome: 'rejected',
    });
  });
});
