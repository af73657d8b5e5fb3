import type { ChangeRecord } from '../../domain/change/change.ts';
import type { ChangeDraft } from '../../domain/change/types.ts';
import type { DraftInvalid } from '../../domain/change/validate-draft.ts';
import { findConflicts, type ScheduleConflicts } from '../../domain/schedule/conflicts.ts';
import { type FreezeVerdict, judgeFreezes } from '../../domain/schedule/freeze-rules.ts';
import { auditChange } from '../audit.ts';
import type { Actor, AppContext } from '../context.ts';
import type { outbox } from '../jobs/outbox.ts';
import { itemsTouching } from './sources.ts';

export interface ScheduleAssessment {
  readonly conflicts: ScheduleConflicts;
  readonly verdict: FreezeVerdict;
}

type Draft = Pick<ChangeDraft, 'type' | 'services' | 'plannedStart' | 'plannedEnd' | 'freezeJustification'>;

/** The conflicts of a (valid) draft's window, read with indexed queries, and what the freeze rules say. */
export function assessChangeSchedule(
  ctx: AppContext,
  draft: Draft,
  selfId: number | null,
): ScheduleAssessment {
  const window = { start: draft.plannedStart, end: draft.plannedEnd };
  const items = itemsTouching(ctx, draft.services, window);
  const conflicts = findConflicts(
    ctx.policy,
    { services: draft.services, window, self: selfId === null ? null : { kind: 'change', id: selfId } },
    items,
  );
  return { conflicts, verdict: judgeFreezes(conflicts, draft.type, draft.freezeJustification ?? '') };
}

/** The stored freeze justification of a change, to prefill its edit form (empty when it has none). */
export const storedFreezeJustification = (ctx: AppContext, changeId: number): string =>
  ctx.repos.schedule.noteOf(changeId)?.freezeJustification ?? '';

/** A freeze refusal as the form's field errors (the window fields, or the freeze justification). */
export function scheduleRefusal(assessment: ScheduleAssessment): DraftInvalid | null {
  const refusal = assessment.verdict.refusal;
  if (!refusal) return null;
  const fieldErrors =
    refusal.field === 'plannedStart'
      ? {
          plannedStart: refusal.message,
          plannedEnd:
            'Inside a change freeze: pick another window ("Check window · find free slots" offers free ones).',
        }
      : { freezeJustification: refusal.message };
  return { code: 'invalid_draft', message: refusal.message, fieldErrors };
}

/**
 * In the use case's transaction: index the change's window by service, note its freeze justification, and
 * refresh the cards of every change it now overlaps, so both cards name each other.
 */
export function recordChangeSchedule(
  ctx: AppContext,
  actor: Actor,
  change: ChangeRecord,
  draft: Draft,
  jobs: ReturnType<typeof outbox>,
  now: Date,
  before: ChangeRecord | null = null,
): ScheduleAssessment {
  const window = { start: draft.plannedStart, end: draft.plannedEnd };
  // After an edit, the changes it used to overlap drop its name from their cards.
  if (before) {
    const old = { start: before.plannedStart, end: before.plannedEnd };
    for (const other of itemsTouching(ctx, before.services, old))
      if (other.kind === 'change' && other.id !== change.id) jobs.refreshCards(other.id);
  }
  ctx.repos.schedule.replaceChangeWindows(change.id, draft.services, window);
  const assessment = assessChangeSchedule(ctx, draft, change.id);
  const freezes = [...new Set(assessment.conflicts.freezes.map((h) => h.freeze.name))];
  const justification = draft.freezeJustification?.trim() ?? '';
  const soft = assessment.conflicts.freezes.some((h) => h.freeze.level === 'soft');
  ctx.repos.schedule.saveNote(
    change.id,
    {
      version: change.version,
      freezeJustification: soft && justification !== '' ? justification : null,
      freezes,
    },
    now,
  );
  // Evidence for auditors: who scheduled this version inside which freeze, and why (ITIL: authorised exceptions).
  if (freezes.length > 0) {
    auditChange(ctx, actor, 'schedule.inside_freeze', change, {
      at: now,
      reason: soft && justification !== '' ? justification : null,
      data: {
        freezes: assessment.conflicts.freezes.map((h) => ({ name: h.freeze.name, level: h.freeze.level })),
        type: draft.type,
      },
    });
  }
  for (const other of assessment.conflicts.overlaps) if (other.kind === 'change') jobs.refreshCards(other.id);
  return assessment;
}
