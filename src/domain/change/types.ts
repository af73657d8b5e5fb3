/** ITIL 4 change types: standard (pre-authorised by a model), normal (CAB), emergency (ECAB). */
export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** Lifecycle states (DOMAIN.md): New → Assess → Authorise → Scheduled → Implement → Review → Closed, plus exits. */
export const CHANGE_STATES = [
  'new',
  'assess',
  'authorise',
  'scheduled',
  'implement',
  'review',
  'closed',
  'rejected',
  'cancelled',
  'expired',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

export const CHANGE_ACTIONS = [
  'submit',
  'assess',
  'approve',
  'reject',
  'reopen',
  'cancel',
  'expire',
  'start',
  'complete',
  'review',
  'close',
] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

export const RISK_LEVELS = ['low', 'medium', 'high', 'very_high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Closing outcomes: successful, successful with issues, unsuccessful (failed / rolled back). */
export const OUTCOMES = ['successful', 'successful_with_issues', 'failed', 'rolled_back'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SERVICE_CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type ServiceCriticality = (typeof SERVICE_CRITICALITIES)[number];

/** The requester's answers to the short risk questionnaire. */
export interface RiskAnswers {
  /** Expected effect on users while the change runs. */
  readonly impact: 'none' | 'degraded' | 'outage';
  readonly complexity: 'simple' | 'moderate' | 'complex';
  /** Was the change tested in a production-like environment? */
  readonly tested: 'yes' | 'partially' | 'no';
  /** How hard is it to back out? */
  readonly backout: 'easy' | 'hard' | 'impossible';
  /** Have changes to these services failed in the last 90 days? */
  readonly failedBefore: boolean;
}

export const VOTE_DECISIONS = ['approve', 'reject'] as const;
export type VoteDecision = (typeof VOTE_DECISIONS)[number];

export type Platform = 'slack' | 'teams' | 'api' | 'system';

/** A vote as the approval policy sees it: a person, a decision, the version they saw. */
export interface Vote {
  readonly personId: number;
  readonly decision: VoteDecision;
  readonly version: number;
  readonly reason: string | null;
  readonly at: Date;
}

/** The fields a requester fills in (the form), before validation. */
export interface ChangeDraft {
  readonly title: string;
  readonly description: string;
  readonly justification: string;
  readonly type: ChangeType;
  readonly services: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly risk: RiskAnswers;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
  readonly modelId: string | null;
  /** Why the change must run inside a soft freeze (required only then; see domain/schedule/freeze-rules.ts). */
  readonly freezeJustification?: string;
}
