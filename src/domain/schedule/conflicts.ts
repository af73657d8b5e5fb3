import type { Policy } from '../policy/types.ts';
import { contains, mergeIntervals, occurrencesIn, overlaps } from './occurrences.ts';
import type { FreezeWindow, Interval, MaintenanceWindow, ScheduledItem, ScheduledKind } from './types.ts';

/** The window someone wants on the schedule, and what it affects. */
export interface PlannedWindow {
  readonly services: readonly string[];
  readonly window: Interval;
  /** The item being edited, so it never conflicts with itself. */
  readonly self?: { readonly kind: ScheduledKind; readonly id: number } | null;
}

/** One occurrence of a freeze that a window touches. */
export interface FreezeHit {
  readonly freeze: FreezeWindow;
  readonly occurrence: Interval;
}

export interface ScheduleConflicts {
  /** Every other item on one of the same services whose window overlaps, in start order. */
  readonly overlaps: readonly ScheduledItem[];
  /** Every freeze occurrence the window touches, in start order. */
  readonly freezes: readonly FreezeHit[];
  /** Services that have maintenance windows and whose windows do not wholly contain the planned one. */
  readonly outsideMaintenance: readonly string[];
}

const appliesTo = (freeze: FreezeWindow, services: readonly string[]): boolean =>
  freeze.services === 'all' || freeze.services.some((s) => services.includes(s));

/** Every occurrence of the freezes covering any of `services` that overlaps `range`. */
export function freezesIn(policy: Policy, services: readonly string[] | 'all', range: Interval): FreezeHit[] {
  const hits: FreezeHit[] = [];
  for (const freeze of policy.freezes ?? []) {
    if (services !== 'all' && !appliesTo(freeze, services)) continue;
    for (const occurrence of occurrencesIn(freeze.timing, range)) hits.push({ freeze, occurrence });
  }
  return hits.sort((a, b) => a.occurrence.start.getTime() - b.occurrence.start.getTime());
}

/** The maintenance windows of one service. */
export const maintenanceOf = (policy: Policy, service: string): MaintenanceWindow[] =>
  (policy.maintenanceWindows ?? []).filter((m) => m.services.includes(service));

/** A service's maintenance time around `range`, as merged intervals (back-to-back windows count as one). */
export function maintenanceIntervals(policy: Policy, service: string, range: Interval): Interval[] {
  return mergeIntervals(maintenanceOf(policy, service).flatMap((m) => occurrencesIn(m.timing, range)));
}

/** Whether `window` lies inside the service's maintenance windows (true when the service has none). */
export function insideMaintenance(policy: Policy, service: string, window: Interval): boolean {
  if (maintenanceOf(policy, service).length === 0) return true;
  return maintenanceIntervals(policy, service, window).some((m) => contains(m, window));
}

/**
 * ITIL change schedule (conflict detection): for a planned window, every overlapping change or release on
 * the same services (all of them, not the first), every freeze occurrence it touches, and the services whose
 * maintenance windows it falls outside. `items` may hold anything nearby; only real conflicts are returned.
 */
export function findConflicts(
  policy: Policy,
  planned: PlannedWindow,
  items: readonly ScheduledItem[],
): ScheduleConflicts {
  const self = planned.self ?? null;
  const clashing = items
    .filter((item) => !(self && item.kind === self.kind && item.id === self.id))
    .filter((item) => item.services.some((s) => planned.services.includes(s)))
    .filter((item) => overlaps(item.window, planned.window))
    .sort((a, b) => a.window.start.getTime() - b.window.start.getTime() || a.key.localeCompare(b.key));
  return {
    overlaps: clashing,
    freezes: freezesIn(policy, planned.services, planned.window),
    outsideMaintenance: planned.services.filter((s) => !insideMaintenance(policy, s, planned.window)),
  };
}
