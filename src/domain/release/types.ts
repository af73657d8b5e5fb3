import type { MemberRef } from '../policy/types.ts';

/** Release lifecycle states (DOMAIN.md "Releases"): planned → ready → in progress → completed, plus exits. */
export const RELEASE_STATES = [
  'planned',
  'ready',
  'in_progress',
  'completed',
  'cancelled',
  'skipped',
] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

export const RELEASE_ACTIONS = ['ready', 'unready', 'start', 'complete', 'cancel', 'skip', 'move'] as const;
export type ReleaseAction = (typeof RELEASE_ACTIONS)[number];

/** How a release went (the practice's "successful release rate"). */
export const RELEASE_OUTCOMES = ['successful', 'partially_successful', 'failed', 'rolled_back'] as const;
export type ReleaseOutcome = (typeof RELEASE_OUTCOMES)[number];

/** When a model's instances fall: a cron expression read in an IANA time zone. */
export interface Cadence {
  readonly cron: string;
  readonly timezone: string;
}

/** One step of a release's checklist; `auto: 'components'` is computed (every included change authorised). */
export interface ChecklistStep {
  readonly label: string;
  readonly auto: 'components' | null;
}

/** When people hear about a release, in minutes relative to its window. */
export interface ReminderPlan {
  /** Reminders this many minutes before the start (e.g. 1440 and 60 for T-24h and T-1h). */
  readonly before: readonly number[];
  /** Included changes must be approved this many minutes before the start (null: no cut-off reminder). */
  readonly cutoff: number | null;
  /** A nudge this many minutes after the window ends while the release is unfinished (null: none). */
  readonly overdue: number | null;
  /** A review nudge this many minutes after completion (null: none). */
  readonly review: number | null;
}

/** A release model (ITIL release management): a repeatable way to run a kind of release. */
export interface ReleaseModel {
  readonly id: string;
  readonly name: string;
  /** Services the model covers; changes to them may ride its releases. Empty means any service. */
  readonly services: readonly string[];
  /** Null for one-off releases (a hotfix model). */
  readonly cadence: Cadence | null;
  readonly windowMinutes: number;
  /** How far ahead instances of a train are created, in minutes. */
  readonly planAheadMinutes: number;
  /** The release managers, in rotation: each new instance gets the next one. */
  readonly managers: readonly MemberRef[];
  readonly channels: { readonly slack: readonly string[]; readonly teams: readonly string[] };
  readonly checklist: readonly ChecklistStep[];
  readonly reminders: ReminderPlan;
}

/** A checklist step as a release instance keeps it: ticked by whom and when. */
export interface ChecklistItem extends ChecklistStep {
  readonly done: boolean;
  readonly by: string | null;
  readonly at: string | null;
}

/** An exposure step (deployment is not release): e.g. "feature flag on for 10 %", with who and when. */
export interface ExposureStep {
  readonly step: string;
  readonly by: string;
  readonly at: string;
}

/** An included change as release rules see it. */
export interface IncludedChange {
  readonly id: number;
  readonly title: string;
  readonly state: string;
  readonly type: string;
  readonly services: readonly string[];
  readonly requesterName: string;
  readonly link: string | null;
}
