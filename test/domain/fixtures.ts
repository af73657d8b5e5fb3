import type { ChangeDraft, RiskAnswers, Vote, VoteDecision } from '../../src/domain/change/types.ts';
import type { Board, Policy, PolicyDefaults } from '../../src/domain/policy/types.ts';

/** A fixed "now" for every domain test: Monday 2 March 2026, 09:00 UTC. */
export const NOW = new Date('2026-03-02T09:00:00Z');

export const hoursAfter = (date: Date, hours: number): Date => new Date(date.getTime() + hours * 3_600_000);
export const minutesAfter = (date: Date, minutes: number): Date =>
  new Date(date.getTime() + minutes * 60_000);

/** The answers that add no risk points at all. */
export const SAFE_ANSWERS: RiskAnswers = {
  impact: 'none',
  complexity: 'simple',
  tested: 'yes',
  backout: 'easy',
  failedBefore: false,
};

/** Answers worth 6 points (degraded 2, moderate 1, partly tested 1, hard to back out 2): medium risk on the wiki. */
export const MEDIUM_ANSWERS: RiskAnswers = {
  impact: 'degraded',
  complexity: 'moderate',
  tested: 'partially',
  backout: 'hard',
  failedBefore: false,
};

export const CAB: Board = {
  id: 'cab',
  name: 'Change Advisory Board',
  members: [
    { name: 'Alice', email: 'alice@example.com', slack: 'UALICE' },
    { name: 'Bob', teams: 'teams-bob' },
    { name: 'Carol', email: 'carol@example.com', slack: 'UCAROL', teams: 'teams-carol' },
    { name: 'Dave', email: 'dave@example.com', finalSay: true },
  ],
  channels: { slack: ['CCAB'], teams: [] },
};

export const ECAB: Board = {
  id: 'ecab',
  name: 'Emergency CAB',
  members: [{ name: 'Dave', email: 'dave@example.com', finalSay: true }, { email: 'erin@example.com' }],
  channels: { slack: ['CECAB'], teams: ['19:ecab@thread.tacv2'] },
};

export const DEFAULTS: PolicyDefaults = {
  expiryHours: 72,
  reminderHours: 24,
  backoutRequiredFrom: 'medium',
  testPlanRequiredFrom: 'high',
  timezone: 'Europe/Berlin',
};

/** A small but complete policy; pass overrides to change one part of it. */
export const makePolicy = (overrides: Partial<Policy> = {}): Policy => ({
  services: [
    { id: 'wiki', name: 'Wiki', criticality: 'low' },
    { id: 'crm', name: 'CRM', criticality: 'medium' },
    { id: 'web', name: 'Web shop', criticality: 'high' },
    { id: 'payments', name: 'Payments', criticality: 'critical' },
  ],
  boards: [CAB, ECAB],
  models: [
    {
      id: 'cert-renewal',
      name: 'TLS certificate renewal',
      description: 'Renew a TLS certificate',
      services: ['web', 'wiki'],
      maxRisk: 'low',
    },
    {
      id: 'os-patch',
      name: 'Monthly OS patch',
      description: 'Patch any host',
      services: [],
      maxRisk: 'medium',
    },
  ],
  routes: [
    { type: 'normal', risk: ['low'], board: 'cab', rule: { kind: 'any' } },
    { type: 'normal', risk: ['medium'], board: 'cab', rule: { kind: 'n_of_m', n: 2 }, veto: false },
    { type: 'normal', risk: ['high', 'very_high'], board: 'cab', rule: { kind: 'majority' }, veto: true },
    { type: 'emergency', board: 'ecab', rule: { kind: 'any' } },
  ],
  defaults: DEFAULTS,
  ...overrides,
});

/** A valid normal change on the wiki, four days ahead, scoring 0 (low risk). */
export const makeDraft = (overrides: Partial<ChangeDraft> = {}): ChangeDraft => ({
  title: 'Upgrade the wiki to 2.4',
  description: 'Move the wiki from 2.3 to 2.4 for the new editor.',
  justification: 'Editors lose work with the old editor.',
  type: 'normal',
  services: ['wiki'],
  plannedStart: hoursAfter(NOW, 96),
  plannedEnd: hoursAfter(NOW, 98),
  risk: SAFE_ANSWERS,
  implementationPlan: 'Run the upgrade playbook.',
  backoutPlan: 'Restore the snapshot taken before.',
  testPlan: 'Open three pages and save one.',
  modelId: null,
  ...overrides,
});

/** A vote cast `minutesLater` minutes after NOW. */
export const vote = (
  personId: number,
  decision: VoteDecision,
  options: { version?: number; minutesLater?: number; reason?: string | null } = {},
): Vote => ({
  personId,
  decision,
  version: options.version ?? 1,
  reason: options.reason ?? (decision === 'reject' ? 'Not now.' : null),
  at: minutesAfter(NOW, options.minutesLater ?? 0),
});
