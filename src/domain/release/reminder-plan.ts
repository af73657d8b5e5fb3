import { formatDuration } from './duration.ts';
import type { ReminderPlan } from './types.ts';

export type ReminderKind = 'before' | 'cutoff' | 'overdue';

export interface PlannedReminder {
  readonly kind: ReminderKind;
  /** Stable within a window: `before:1440`, `cutoff:120`, `overdue:60`. */
  readonly key: string;
  readonly at: Date;
  /** "T-24h", "cut-off (T-2h)", "overdue (end+1h)". */
  readonly label: string;
}

const MINUTE = 60_000;

/**
 * ITIL release communication: the reminders of one release window, in time order. Reminders before the
 * start at each offset, the cut-off by which included changes must be approved, and an overdue nudge after
 * the window. Times already past at `now` are left out (a release planned late gets only what is still ahead).
 */
export function planReminders(
  plan: ReminderPlan,
  window: { readonly start: Date; readonly end: Date },
  now: Date,
): PlannedReminder[] {
  const start = window.start.getTime();
  const all: PlannedReminder[] = [];
  for (const minutes of new Set(plan.before)) {
    all.push({
      kind: 'before',
      key: `before:${minutes}`,
      at: new Date(start - minutes * MINUTE),
      label: `T-${formatDuration(minutes)}`,
    });
  }
  if (plan.cutoff !== null) {
    all.push({
      kind: 'cutoff',
      key: `cutoff:${plan.cutoff}`,
      at: new Date(start - plan.cutoff * MINUTE),
      label: `cut-off (T-${formatDuration(plan.cutoff)})`,
    });
  }
  if (plan.overdue !== null) {
    all.push({
      kind: 'overdue',
      key: `overdue:${plan.overdue}`,
      at: new Date(window.end.getTime() + plan.overdue * MINUTE),
      label: `overdue (end+${formatDuration(plan.overdue)})`,
    });
  }
  return all
    .filter((r) => r.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.key.localeCompare(b.key));
}

/** When the review nudge goes out after completion (null: the model asks for none). */
export function reviewNudgeAt(plan: ReminderPlan, completedAt: Date): Date | null {
  return plan.review === null ? null : new Date(completedAt.getTime() + plan.review * MINUTE);
}

/** A reminder sent this long after its time (the process was down) is marked late. */
export const LATE_AFTER_MS = 60_000;

export const isLate = (due: Date, sentAt: Date): boolean => sentAt.getTime() - due.getTime() > LATE_AFTER_MS;
