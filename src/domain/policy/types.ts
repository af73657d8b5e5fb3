import type { ChangeType, RiskLevel, ServiceCriticality } from '../change/types.ts';
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
}

/** The organisation's change policy, loaded from a file (see README) or the built-in default. */
export interface Policy {
  readonly services: readonly Service[];
  readonly boards: readonly Board[];
  readonly models: readonly ChangeModel[];
  readonly routes: readonly ApprovalRoute[];
  readonly defaults: PolicyDefaults;
  /** Change freezes (blackout windows); none when left out. */
  readonly freezes?: readonly FreezeWindow[];
  /** Services' preferred recurring slots for changes; a service without any may change at any time. */
  readonly maintenanceWindows?: readonly MaintenanceWindow[];
}
