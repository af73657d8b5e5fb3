import { describe, expect, it } from 'vitest';
import { type ExplainChange, explainChange, riskBreakdown } from '../../../src/domain/approval/explain.ts';
import type { VoteRecord } from '../../../src/domain/change/change.ts';
import type { ApprovalRoute, Policy } from '../../../src/domain/policy/types.ts';
import { MEDIUM_ANSWERS, makePolicy, NOW, SAFE_ANSWERS } from '../fixtures.ts';

const RITA = { email: 'rita@example.com', slackUserId: 'UREQ', teamsUserId: null };

const change = (overrides: Partial<ExplainChange> = {}): ExplainChange => ({
  id: 7,
  title: 'Upgrade the wiki',
  type: 'normal',
  state: 'authorise',
  version: 1,
  services: ['wiki'],
  riskAnswers: MEDIUM_ANSWERS,
  riskScore: 6,
  riskLevel: 'medium',
  modelId: null,
  boardId: 'cab',
  approvalRoute: {
    type: 'normal',
    risk: ['medium'],
    board: 'cab',
    rule: { kind: 'n_of_m', n: 2 },
    veto: false,
  },
  ...overrides,
});

const voteBy = (
  personId: number,
  name: string,
  voter: Partial<VoteRecord['voter']>,
  version = 1,
): VoteRecord => ({
  personId,
  personName: name,
  voter: { email: null, slackUserId: null, teamsUserId: null, ...voter },
  decision: 'approve',
  version,
  reason: null,
  platform: 'slack',
  at: NOW,
});

const explain = (c: ExplainChange, opts: { policy?: Policy; votes?: VoteRecord[]; facts?: string[] } = {}) =>
  explainChange({
    change: c,
    policy: opts.policy ?? makePolicy(),
    requester: RITA,
    votes: opts.votes ?? [],
    scheduleFacts: opts.facts ?? [],
  });

const linesOf = (view: ReturnType<typeof explain>, id: string) =>
  view.sections.find((s) => s.id === id)?.lines ?? [];

describe('explaining a change', () => {
  it('names the route of a normal change chosen by its risk level, its rule, its board and the final say', () => {
    const view = explain(change());
    expect(view.key).toBe('CHG-7');
    expect(linesOf(view, 'route')).toEqual([
      'Route 2 of 4 matched: the first for normal changes that covers risk medium (this change: normal, medium risk).',
      'Rule: 2 of 4, decided by Change Advisory Board; a rejection does not veto it.',
      'Final say (decides at once): Dave.',
    ]);
  });

  it('says when approvals need a step-up confirmation', () => {
    const policy = makePolicy();
    const stepped = { ...policy, defaults: { ...policy.defaults, stepUpRisk: ['medium' as const] } };
    expect(linesOf(explain(change(), { policy: stepped }), 'route').at(-1)).toBe(
      'Step-up: each approval needs a confirmation of the window, services and plans.',
    );
  });

  it('names an objection window, in working hours when the board has them', () => {
    const route: ApprovalRoute = {
      type: 'normal',
      risk: ['medium'],
      board: 'cab',
      rule: { kind: 'any' },
      objectionWindowHours: 4,
    };
    const base = makePolicy();
    const policy = {
      ...base,
      routes: [route],
      boards: base.boards.map((b) => ({
        ...b,
        workingHours: { days: ['mon' as const], start: '09:00', end: '17:00', holidays: [] },
      })),
    };
    expect(linesOf(explain(change({ approvalRoute: route }), { policy }), 'route')).toContain(
      'Objection window: approved by the policy unless a member objects within 4 working hours (the card shows the deadline).',
    );
  });

  it('names a route that covers every risk level', () => {
    const catchAll: ApprovalRoute = { type: 'normal', board: 'cab', rule: { kind: 'majority' } };
    const policy = makePolicy({
      routes: [catchAll, { type: 'emergency', board: 'ecab', rule: { kind: 'any' } }],
    });
    const view = explain(change({ approvalRoute: catchAll }), { policy });
    expect(linesOf(view, 'route')[0]).toBe(
      'Route 1 of 2 matched: the first for normal changes that covers every risk level (this change: normal, medium risk).',
    );
    expect(linesOf(view, 'route')[1]).toBe(
      'Rule: majority (3 of 4), decided by Change Advisory Board; a rejection vetoes it.',
    );
  });

  it('names the emergency CAB for an emergency change', () => {
    const route: ApprovalRoute = { type: 'emergency', board: 'ecab', rule: { kind: 'any' } };
    const view = explain(change({ type: 'emergency', boardId: 'ecab', approvalRoute: route }));
    expect(linesOf(view, 'route')).toEqual([
      'Route 4 of 4 matched: the first for emergency changes that covers every risk level (this change: emergency, medium risk).',
      'Rule: any 1 of 2, decided by Emergency CAB (the emergency CAB); a rejection vetoes it.',
      'Final say (decides at once): Dave.',
    ]);
  });

  it('explains that a standard change is pre-authorised by its model and needs nothing', () => {
    const view = explain(
      change({
        type: 'standard',
        state: 'scheduled',
        modelId: 'cert-renewal',
        boardId: null,
        approvalRoute: null,
        riskAnswers: SAFE_ANSWERS,
        riskScore: 0,
        riskLevel: 'low',
      }),
    );
    expect(linesOf(view, 'route')).toEqual([
      'Standard change under the model "TLS certificate renewal": pre-authorised up to low risk, so no CAB vote is needed.',
    ]);
    expect(view.sections.map((s) => s.id)).toEqual(['route', 'risk', 'missing', 'schedule']);
    expect(linesOf(view, 'missing')).toEqual(['Nothing: it is scheduled.']);
  });

  it('says when the recorded route is no longer in the policy', () => {
    const old: ApprovalRoute = { type: 'normal', risk: ['medium'], board: 'cab', rule: { kind: 'all' } };
    expect(linesOf(explain(change({ approvalRoute: old })), 'route')[0]).toBe(
      'The route recorded when the change was assessed (normal changes, risk medium) is no longer in the policy; the change keeps it.',
    );
  });

  it('says when no route is recorded', () => {
    const view = explain(change({ approvalRoute: null }));
    expect(linesOf(view, 'route')).toEqual([
      'No approval route is recorded for this normal change of medium risk.',
    ]);
    expect(linesOf(view, 'missing')).toEqual(['A board and a rule: the policy names none for it.']);
  });

  it('breaks the risk score down into the factors that added points', () => {
    expect(linesOf(explain(change()), 'risk')).toEqual([
      'Medium risk, score 6 (0–3 low, 4–7 medium, 8–11 high, 12+ very high).',
      '• users see a degraded service (+2)',
      '• moderately complex (+1)',
      '• only partly tested (+1)',
      '• hard to back out (+2)',
    ]);
  });

  it('attributes the lead-time points that made up the stored score', () => {
    const short = riskBreakdown(
      { services: ['wiki'], riskAnswers: MEDIUM_ANSWERS, riskScore: 8 },
      makePolicy(),
    );
    expect(short.reasons.at(-1)).toBe("less than 24 hours' notice (+2)");
    expect(short.unexplained).toBe(0);
    const odd = riskBreakdown(
      { services: ['wiki'], riskAnswers: MEDIUM_ANSWERS, riskScore: 11 },
      makePolicy(),
    );
    expect(odd.unexplained).toBe(5);
  });

  it('lists who may still vote and how many approvals are missing, people counted once', () => {
    const votes = [
      voteBy(2, 'Alice', { slackUserId: 'UALICE' }),
      voteBy(3, 'Carol', { teamsUserId: 'teams-carol' }, 0),
    ];
    const view = explain(change(), { votes });
    expect(linesOf(view, 'voters')).toEqual([
      'Alice approved version 1.',
      'May still vote: Bob, Carol, Dave.',
      'The requester never votes on their own change.',
    ]);
    expect(linesOf(view, 'missing')).toEqual([
      '1 more approval (1 of 2 so far), or one from a member with the final say.',
    ]);
  });

  it('names who votes for a member who is away', () => {
    const view = explainChange({
      change: change(),
      policy: makePolicy(),
      requester: RITA,
      votes: [],
      scheduleFacts: [],
      delegatesOf: (m) => (m.name === 'Alice' ? ['Bea'] : []),
    });
    expect(linesOf(view, 'voters')).toContain('May still vote: Alice (or Bea for them), Bob, Carol, Dave.');
  });

  it('says nothing is missing once the decision is made', () => {
    const view = explain(change({ state: 'scheduled' }));
    expect(linesOf(view, 'missing')).toEqual(['Nothing: the decision is made (scheduled).']);
    expect(linesOf(view, 'voters')).not.toContainEqual(expect.stringContaining('May still vote'));
  });

  it('keeps a separate schedule section, which lists the facts it is given', () => {
    expect(linesOf(explain(change()), 'schedule')).toEqual(['None known for its window.']);
    const facts = ['Inside the year-end freeze (15–31 Dec).'];
    expect(linesOf(explain(change(), { facts }), 'schedule')).toEqual(facts);
  });
});
