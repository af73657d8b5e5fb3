import { CHANGE_TYPES, type ChangeType } from '../change/types.ts';
import type { ScheduleConflicts } from '../schedule/conflicts.ts';
import { formatWindow } from '../schedule/format.ts';
import type { FreezeVerdict } from '../schedule/freeze-rules.ts';
import type { SlotSearch } from '../schedule/slot-finder.ts';
import type { Interval, ScheduledItem } from '../schedule/types.ts';
import type { ChangeFormValues } from './change-form.ts';

/** What the form says about a picked window: blocking problems, warnings that do not block, and free slots. */
export interface ScheduleAdviceView {
  /** The refusal the form will show on submit (a hard freeze, a missing freeze justification). */
  readonly problems: readonly string[];
  /** Overlaps, windows outside maintenance, an emergency inside a freeze: shown, never blocking. */
  readonly warnings: readonly string[];
  /** One-click choices that fill the window (same length, free, inside maintenance windows). */
  readonly slots: readonly { readonly window: Interval; readonly label: string }[];
  /** Said when fewer than three free windows fit in the horizon. */
  readonly slotNote: string | null;
  /** Set when there is nothing to check yet (no service picked): the only thing the form says. */
  readonly pending?: string;
}

/** What the check says before a service is picked. */
export const PENDING_ADVICE: ScheduleAdviceView = {
  problems: [],
  warnings: [],
  slots: [],
  slotNote: null,
  pending:
    'Pick the affected services first: the window is checked against their changes, freezes and maintenance windows.',
};

/** "CHG-3 "Title" (Scheduled, Tue 3 Mar 10:00–12:00)", the way the form and cards name an overlapping item. */
export const describeItem = (item: ScheduledItem, timeZone: string, stateLabel: string): string =>
  `${item.key} "${item.title}" (${stateLabel}, ${formatWindow(item.window, timeZone)})`;

/** Sentences for every conflict that does not block: overlaps (all of them), maintenance, an admitted freeze. */
export function conflictWarnings(
  conflicts: ScheduleConflicts,
  verdict: Pick<FreezeVerdict, 'refusal' | 'insideFreeze'>,
  opts: {
    readonly timeZone: string;
    readonly serviceName: (id: string) => string;
    readonly stateLabel: (item: ScheduledItem) => string;
  },
): string[] {
  const warnings: string[] = [];
  for (const item of conflicts.overlaps) {
    const shared = item.services.map(opts.serviceName).join(', ');
    warnings.push(`Overlaps ${describeItem(item, opts.timeZone, opts.stateLabel(item))} on ${shared}.`);
  }
  if (conflicts.outsideMaintenance.length > 0) {
    const names = conflicts.outsideMaintenance.map(opts.serviceName).join(', ');
    warnings.push(`Outside the maintenance windows of ${names}.`);
  }
  if (verdict.refusal === null && verdict.insideFreeze) {
    const names = [...new Set(conflicts.freezes.map((h) => h.freeze.name))].join(', ');
    warnings.push(`Inside the change freeze ${names}.`);
  }
  return warnings;
}

/**
 * ITIL change schedule, as the requester sees it while choosing a window: why it would be refused, what
 * conflicts it has, and the next free windows to pick instead.
 */
export function buildScheduleAdvice(input: {
  readonly conflicts: ScheduleConflicts;
  readonly verdict: FreezeVerdict;
  readonly slots: SlotSearch;
  readonly horizonDays: number;
  readonly timeZone: string;
  readonly serviceName: (id: string) => string;
  readonly stateLabel: (item: ScheduledItem) => string;
}): ScheduleAdviceView {
  const { slots, timeZone } = input;
  return {
    problems: input.verdict.refusal ? [input.verdict.refusal.message] : [],
    warnings: conflictWarnings(input.conflicts, input.verdict, input),
    slots: slots.slots.map((window) => ({ window, label: formatWindow(window, timeZone) })),
    slotNote:
      slots.kind === 'short'
        ? slots.slots.length === 0
          ? `No free slot of this length in the next ${input.horizonDays} days.`
          : `Only ${slots.slots.length} free slot${slots.slots.length === 1 ? '' : 's'} of this length in the next ${input.horizonDays} days.`
        : null,
  };
}

const firstOf = (v: string | readonly string[] | null | undefined): string =>
  (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();

/** The window part of a half-filled form, for a schedule check before the rest is filled in. */
export function windowDraftOf(values: ChangeFormValues): {
  type: ChangeType;
  services: string[];
  plannedStart: Date;
  plannedEnd: Date;
  freezeJustification: string;
} {
  const raw = firstOf(values.type);
  const type = (CHANGE_TYPES as readonly string[]).includes(raw) ? (raw as ChangeType) : 'normal';
  const services = (typeof values.services === 'string' ? [values.services] : [...(values.services ?? [])])
    .map((s) => s.trim())
    .filter(Boolean);
  const instant = (v: string) => (v === '' ? new Date(Number.NaN) : new Date(v));
  return {
    type,
    services,
    plannedStart: instant(firstOf(values.plannedStart)),
    plannedEnd: instant(firstOf(values.plannedEnd)),
    freezeJustification: firstOf(values.freezeJustification),
  };
}
