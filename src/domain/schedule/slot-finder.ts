import type { Policy } from '../policy/types.ts';
import { freezesIn, maintenanceIntervals, maintenanceOf } from './conflicts.ts';
import { contains, overlaps } from './occurrences.ts';
import type { Interval, ScheduledItem, ScheduledKind } from './types.ts';

export interface SlotQuery {
  readonly services: readonly string[];
  readonly durationMs: number;
  /** The earliest start (e.g. now); slots start on the next quarter hour from here. */
  readonly from: Date;
  /** No slot ends after this. */
  readonly horizonEnd: Date;
  readonly count?: number;
  readonly self?: { readonly kind: ScheduledKind; readonly id: number } | null;
}

export type SlotSearch =
  | { readonly kind: 'found'; readonly slots: readonly Interval[] }
  /** Fewer than asked (possibly none) fit before the horizon. */
  | {
      readonly kind: 'short';
      readonly slots: readonly Interval[];
      readonly reason: 'no_free_slot_in_horizon';
    };

const STEP_MS = 15 * 60_000;
const roundUp = (ms: number): number => Math.ceil(ms / STEP_MS) * STEP_MS;
/** Bounds the search even for a pathological policy (a minutely cron freeze): each step moves forward. */
const MAX_STEPS = 20_000;

/**
 * ITIL change schedule (slot finder): the next free windows of the asked length, each clear of every other
 * change or release on the same services, of every freeze (hard or soft), and inside the maintenance windows
 * of each service that has them. Slots start on quarter hours and do not overlap each other.
 */
export function findFreeSlots(policy: Policy, query: SlotQuery, items: readonly ScheduledItem[]): SlotSearch {
  const count = query.count ?? 3;
  const self = query.self ?? null;
  const relevant = items.filter(
    (i) =>
      !(self && i.kind === self.kind && i.id === self.id) &&
      i.services.some((s) => query.services.includes(s)),
  );
  const horizon: Interval = { start: query.from, end: query.horizonEnd };
  const busy: Interval[] = [
    ...relevant.map((i) => i.window),
    ...freezesIn(policy, query.services, horizon).map((h) => h.occurrence),
  ];
  const maintained = query.services.filter((s) => maintenanceOf(policy, s).length > 0);
  const maintenance = new Map(maintained.map((s) => [s, maintenanceIntervals(policy, s, horizon)]));

  const slots: Interval[] = [];
  let cursor = roundUp(query.from.getTime());
  for (let step = 0; step < MAX_STEPS && slots.length < count; step++) {
    const end = cursor + query.durationMs;
    if (end > query.horizonEnd.getTime()) break;
    const candidate = { start: new Date(cursor), end: new Date(end) };
    const blockers = busy.filter((b) => overlaps(b, candidate));
    if (blockers.length > 0) {
      cursor = roundUp(Math.max(...blockers.map((b) => b.end.getTime())));
      continue;
    }
    // The first service whose maintenance time does not hold the candidate sends the cursor to its next window.
    let next: number | null = null;
    for (const windows of maintenance.values()) {
      if (windows.some((w) => contains(w, candidate))) continue;
      const later = windows.find((w) => w.start.getTime() > cursor);
      next = later ? roundUp(later.start.getTime()) : Number.POSITIVE_INFINITY;
      break;
    }
    if (next !== null) {
      if (!Number.isFinite(next)) break;
      cursor = next;
      continue;
    }
    slots.push(candidate);
    cursor = end;
  }
  return slots.length >= count
    ? { kind: 'found', slots }
    : { kind: 'short', slots, reason: 'no_free_slot_in_horizon' };
}
