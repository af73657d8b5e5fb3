import type { ChangeType, RiskLevel, ServiceCriticality } from '../change/types.ts';
import type { ReleaseModel } from '../release/types.ts';
import type { FreezeWindow, MaintenanceWindow } from '../schedule/types.ts';

/** How a CAB member is recognised: any identity that matches links the member to a person. */
export interface MemberRef {
  readonly name?: string;
  readonly email?: string;
  /** Slack user id, e.g. U012ABC. */
  readonly slack?: string;
  /** Teams (Entra ID) user object id. */
  readonly teams?: string;
  /** The change manager's final say: their approve or reject decides at once. */
  readonly finalSay?: boolean;
}

export interface Board {
  readonly id: string;
  readonly name: string;
  readonly members: readonly MemberRef[];
  /** People who may start and complete the board's changes besides their requesters (e.g. on-call engineers). */
  readonly implementers?: readonly MemberRef[];
  /** Where the board's approval cards are posted: Slack channel ids and Teams conversation ids. */
  readonly channels: { readonly slack: readonly string[]; readonly teams: readonly string[] };
  /** When the board works: reminders wait for each approver's working hours; windows count working time. */
  readonly workingHours?: BoardWorkingHours;
}

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A board's working week: days, a daily span ("09:00"–"17:00") and holidays ("YYYY-MM-DD"). */
export interface BoardWorkingHours {
  /** The zone the span and holidays are read in for the board itself; each approver's own zone for them. */
  readonly timezone?: string;
  readonly days: readonly Weekday[];
  readonly start: string;
  readonly end: string;
  readonly holidays: readonly string[];
}

/** Approval rules: any one member, N of the M eligible members, a majority, or all of them. */
export type ApprovalRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'n_of_m'; readonly n: number }
  | { readonly kind: 'majority' }
  | { readonly kind: 'all' };

/** Which board and rule authorise a change of a type and risk level; the first match wins. */
export interface ApprovalRoute {
  readonly type: Exclude<ChangeType, 'standard'>;
  /** Risk levels this route covers; omitted means every level. */
  readonly risk?: readonly RiskLevel[];
  readonly board: string;
  readonly rule: ApprovalRule;
  /** A rejection (which always needs a reason) decides at once. Default true. */
  readonly veto?: boolean;
  /** Approvals need a confirmation step showing the change's fingerprint; overrides `defaults.stepUpRisk`. */
  readonly stepUp?: boolean;
  /** Approved by the policy unless a member objects within this many (working) hours. */
  readonly objectionWindowHours?: number;
}

export interface Service {
  readonly id: string;
  readonly name: string;
  readonly criticality: ServiceCriticality;
}

/** A change model: a catalogue entry for a pre-authorised standard change. */
export interface ChangeModel {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Services the model covers; empty means any service. */
  readonly services: readonly string[];
  /** The highest assessed risk the model pre-authorises. */
  readonly maxRisk: RiskLevel;
  /** Board whose channels announce changes made under this model. */
  readonly announceBoard?: string;
}

export interface PolicyDefaults {
  /** Undecided changes expire this many hours after submission. */
  readonly expiryHours: number;
  /** Remind undecided approvers this many hours after submission (0 = never). */
  readonly reminderHours: number;
  /** From this risk level up, a backout plan is required. */
  readonly backoutRequiredFrom: RiskLevel;
  /** A test plan is required from this risk level up. */
  readonly testPlanRequiredFrom: RiskLevel;
  /** Time zone used where a reader's own zone is unknown (IANA name). */
  readonly timezone: string;
  /** Risk levels whose approvals need a deliberate confirmation step (step-up); none when left out. */
  readonly stepUpRisk?: readonly RiskLevel[];
  /** Count `expiryHours` in the board's working hours only (boards without working hours: every hour). */
  readonly expiryInWorkingHours?: boolean;
}

/** The deployment gate: which environments a pipeline may deploy to only under an approved change. */
export interface GatePolicy {
  /** Environment names (as pipelines report them) that require an approved change. */
  readonly requireChangeIn: readonly string[];
}

/** The organisation's change policy, loaded from a file (see README) or the built-in default. */
export interface Policy {
  readonly services: readonly Service[];
  readonly boards: readonly Board[];
  readonly models: readonly ChangeModel[];
  readonly routes: readonly ApprovalRoute[];
  readonly defaults: PolicyDefaults;
  /** Release models (release management); absent means none. */
  readonly releaseModels?: readonly ReleaseModel[];
  /** The deployment gate (issue 10); omitted means only `production` requires a change. */
  readonly gate?: GatePolicy;
  /** The weekly metrics digest; none is posted when it is left out. */
  readonly digest?: MetricsDigestPolicy;
  /** Change freezes (blackout windows); none when left out. */
  readonly freezes?: readonly FreezeWindow[];
  /** Services' preferred recurring slots for changes; a service without any may change at any time. */
  readonly maintenanceWindows?: readonly MaintenanceWindow[];
}

/** When and where the metrics digest is posted: a cron expression read in an IANA time zone. */
export interface MetricsDigestPolicy {
  /** Five-field cron, e.g. "0 9 * * 1" (Mondays 09:00). */
  readonly cron: string;
  readonly timezone: string;
  /** The period the digest covers, ending when it is posted. */
  readonly window: '7d' | '30d' | '90d';
  readonly channels: { readonly slack: readonly string[]; readonly teams: readonly string[] };
}
