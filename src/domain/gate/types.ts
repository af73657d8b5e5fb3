import type { ChangeState, ChangeType } from '../change/types.ts';

/** What a pipeline may be told: go ahead, stop, or wait for the change authority's decision. */
export const GATE_OUTCOMES = ['allowed', 'prevented', 'awaiting'] as const;
export type GateOutcome = (typeof GATE_OUTCOMES)[number];

/**
 * A freeze (blackout) window as the gate needs it. The change schedule (freezes) is its own context: the
 * composition root feeds whatever freezes it knows through a `FreezeSource`.
 */
export interface Freeze {
  readonly name: string;
  /** Hard: blocks every change but an emergency one. Soft: a warning. */
  readonly hard: boolean;
  readonly services: readonly string[] | 'all';
  readonly start: Date;
  readonly end: Date;
}

/** The change facts the gate decides on (a subset of the stored change). */
export interface GateChange {
  readonly id: number;
  readonly title: string;
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly services: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly modelId: string | null;
}

export interface GateReason {
  /** Stable code, e.g. `change_approved`, `hard_freeze`, `no_change`. */
  readonly code: string;
  readonly message: string;
}

export interface GateDecision {
  readonly outcome: GateOutcome;
  /** Why, most important first; soft-freeze warnings may accompany any outcome. */
  readonly reasons: readonly GateReason[];
  /** The change the decision rests on, if any. */
  readonly change: GateChange | null;
}

export interface GateInput {
  readonly service: string;
  readonly environment: string;
  readonly now: Date;
  /** Policy: does this environment require an approved change? */
  readonly requiresChange: boolean;
  /** The change the pipeline named: `null` when it named none, `'missing'` when no such change exists. */
  readonly named: GateChange | 'missing' | null;
  /** Changes that cover the service and whose window contains now (only looked at when none is named). */
  readonly candidates: readonly GateChange[];
  readonly freezes: readonly Freeze[];
  /** The policy's change models, to check a standard change is still under its model. */
  readonly models: readonly { readonly id: string; readonly services: readonly string[] }[];
}

/** Environments that require a change when the policy says nothing: production only. */
export const DEFAULT_REQUIRE_CHANGE_IN: readonly string[] = ['production'];
