import type { ChangeType, Outcome, RiskLevel } from '../change/types.ts';

/** A half-open reporting period [from, to): an event at `to` belongs to the next period. */
export interface MetricsPeriod {
  readonly from: Date;
  readonly to: Date;
}

/** Narrows every figure to one service, one change authority (board) or one change model; omitted = all. */
export interface MetricsFilter {
  readonly service?: string;
  readonly boardId?: string;
  readonly modelId?: string;
}

/** How a change's authorisation ended: approved, rejected, expired undecided, or not (yet). */
export type AuthorisationEnd = 'approved' | 'rejected' | 'expired' | null;

/** One change request as the metrics read it: the milestones of its life, its outcome and its incidents. */
export interface ChangeFact {
  readonly id: number;
  readonly type: ChangeType;
  readonly riskLevel: RiskLevel;
  readonly services: readonly string[];
  readonly boardId: string | null;
  readonly modelId: string | null;
  readonly raisedAt: Date;
  readonly authorisation: AuthorisationEnd;
  /** When the authorisation ended (the decision, or the expiry); null while undecided. */
  readonly authorisedAt: Date | null;
  /** The deadline the decision had (null for standard changes). */
  readonly expiresAt: Date | null;
  readonly completedAt: Date | null;
  readonly outcome: Outcome | null;
  readonly incidentsCaused: number | null;
}

/** Release outcomes, as the release record keeps them. */
// The release context's outcomes; a partially successful release counts as finished, not as successful.
export type ReleaseOutcome = 'successful' | 'partially_successful' | 'failed' | 'rolled_back';

/** One release instance: its planned window, when it really started and ended, and what it delivered. */
export interface ReleaseFact {
  readonly id: string;
  readonly services: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly outcome: ReleaseOutcome | null;
  /** Incidents attributed to the release (or its changes) after it went out. */
  readonly incidents: number;
  /** The changes the release made available. */
  readonly changeIds: readonly number[];
}

/** A deployment the gate saw with no authorised change behind it. */
export interface UnregisteredChangeFact {
  readonly at: Date;
  readonly service: string | null;
}

/** What the audit trail says about itself and about refused self-approvals. */
export interface AuditFact {
  readonly chainVerifies: boolean;
  readonly eventCount: number;
  /** The seq of the first broken event when the chain does not verify. */
  readonly brokenAt: number | null;
  /** Times a requester tried to approve or reject their own change (refused, recorded in the trail). */
  readonly refusedSelfApprovals: readonly { readonly at: Date; readonly changeId: number }[];
}

/** A share with what it was computed from; `value` is null when nothing was counted (no division by zero). */
export interface Ratio {
  readonly numerator: number;
  readonly denominator: number;
  readonly value: number | null;
}

/** Median and 90th percentile of a set of durations in milliseconds; null when the set is empty. */
export interface DurationStats {
  readonly count: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
}
