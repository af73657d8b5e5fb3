/** A span of time, half-open: [start, end). Two windows that only touch (one ends as the other starts) do not overlap. */
export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

/** When a policy window applies: once (a start and an end), or recurring (a cron expression in a time zone). */
export type WindowTiming =
  | { readonly kind: 'once'; readonly start: Date; readonly end: Date }
  | {
      readonly kind: 'recurring';
      /** Five- or six-field cron expression for each occurrence's start, read in `timezone`. */
      readonly cron: string;
      /** IANA time zone the cron expression is read in (so 22:00 stays 22:00 across DST). */
      readonly timezone: string;
      readonly durationMinutes: number;
    };

export const FREEZE_LEVELS = ['hard', 'soft'] as const;
/** Hard: refused unless the change is an emergency. Soft: allowed with a written justification. */
export type FreezeLevel = (typeof FREEZE_LEVELS)[number];

/** A change freeze (blackout window) from the policy. */
export interface FreezeWindow {
  readonly name: string;
  readonly timing: WindowTiming;
  /** 'all' services, or the listed service ids. */
  readonly services: 'all' | readonly string[];
  readonly level: FreezeLevel;
  /** Shown to requesters and on cards, e.g. "Year-end close: only emergencies." */
  readonly message: string;
}

/** A service's preferred, recurring slot for changes (e.g. Tuesday and Thursday 02:00–06:00 Europe/Berlin). */
export interface MaintenanceWindow {
  readonly name: string;
  readonly services: readonly string[];
  readonly timing: Extract<WindowTiming, { kind: 'recurring' }>;
}

export const SCHEDULED_KINDS = ['change', 'release'] as const;
export type ScheduledKind = (typeof SCHEDULED_KINDS)[number];

/**
 * Anything on the change schedule, neutral of where it comes from: changes supply items today, releases
 * plug in by supplying items of kind 'release'. `id` is the source's own id; `key` is what people read.
 */
export interface ScheduledItem {
  readonly kind: ScheduledKind;
  readonly id: number;
  readonly key: string;
  readonly title: string;
  readonly services: readonly string[];
  readonly window: Interval;
  /** The source's state name (e.g. 'scheduled', 'cancelled'); shown as it is. */
  readonly state: string;
  /** Extra facts to show beside the item (a change's type and risk); free text, already readable. */
  readonly details?: readonly string[];
  /** Grows with every revision (an edit, a cancellation): calendar apps replace an event by a higher one. */
  readonly sequence?: number;
  /** When the source last changed. */
  readonly updatedAt?: Date;
  /** The item no longer holds its window (cancelled, rejected, expired). */
  readonly withdrawn?: boolean;
  /** The work is done or in review: shown where it ran, but it no longer holds its window either. */
  readonly past?: boolean;
}
