import type { ChecklistItem, ChecklistStep } from './types.ts';

/**
 * The practice's release planning and coordination, as the default checklist (DOMAIN.md "Releases"): the
 * third step is computed from the included changes, the others are ticked by the release manager.
 */
export const DEFAULT_CHECKLIST: readonly ChecklistStep[] = [
  { label: 'Identify the release model', auto: null },
  { label: 'Plan the release instance (date, window, manager, changes)', auto: null },
  { label: 'Verify the service components (every included change authorised)', auto: 'components' },
  { label: 'Verify the release procedures', auto: null },
  { label: 'Execute the release', auto: null },
  { label: 'Verify the release', auto: null },
  { label: 'Review the release', auto: null },
];

/** A fresh instance's checklist: every step unticked. */
export const newChecklist = (steps: readonly ChecklistStep[]): ChecklistItem[] =>
  steps.map((s) => ({ ...s, done: false, by: null, at: null }));

/** The checklist as people see it: a computed step shows the readiness rule, not a tick. */
export function checklistAsSeen(
  items: readonly ChecklistItem[],
  componentsVerified: boolean,
): ChecklistItem[] {
  return items.map((item) => (item.auto === 'components' ? { ...item, done: componentsVerified } : item));
}

/** Ticks or unticks a manual step; a computed step or an index out of range is refused (null). */
export function toggleStep(
  items: readonly ChecklistItem[],
  index: number,
  done: boolean,
  by: string,
  at: Date,
): ChecklistItem[] | null {
  const item = items[index];
  if (!item || item.auto !== null) return null;
  return items.map((it, i) =>
    i === index ? { ...it, done, by: done ? by : null, at: done ? at.toISOString() : null } : it,
  );
}
