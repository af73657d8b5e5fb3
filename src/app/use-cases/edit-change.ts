import { draftColumns } from '../../db/change-repo.ts';
import { selectRoute } from '../../domain/change/approval.ts';
import type { ChangeRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { reminderAt } from '../../domain/change/expiry.ts';
import { isEditable, STATE_LABELS, transition } from '../../domain/change/lifecycle.ts';
import type { ChangeDraft } from '../../domain/change/types.ts';
import { type DraftInvalid, validateDraft } from '../../domain/change/validate-draft.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { askVotersAgain, saveOutgoingVersion } from '../approval/edit-diff.ts';
import { openObjectionWindow } from '../approval/objection-window.ts';
import { expiryForBoard } from '../approval/working-time.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { JOB } from '../jobs/kinds.ts';
import { outbox } from '../jobs/outbox.ts';
import { loadChange } from '../load.ts';
import { replanIfUnready } from '../release/replan-unready.ts';
import { assessChangeSchedule, recordChangeSchedule, scheduleRefusal } from '../schedule/assess-change.ts';

/**
 * The requester edits a change that has not started. The version goes up, so every earlier vote stops
 * counting; an approved change goes back to the CAB (ITIL: votes bind to the version they saw).
 */
export function editChange(
  ctx: AppContext,
  actor: Actor,
  cmd: { changeId: number; expectedVersion: number; draft: ChangeDraft },
): Result<ChangeRecord, DraftInvalid | DomainError> {
  const now = ctx.clock();
  const valid = validateDraft(cmd.draft, { policy: ctx.policy, now });
  if (!valid.ok) return valid;
  const { draft, risk } = valid.value;
  const refused = scheduleRefusal(assessChangeSchedule(ctx, draft, cmd.changeId));
  if (refused) return { ok: false, error: refused };
  return inTransaction(ctx, (): Result<ChangeRecord, DraftInvalid | DomainError> => {
    const loaded = loadChange(ctx, cmd.changeId);
    if (!loaded.ok) return loaded;
    const { change } = loaded.value;
    const key = formatChangeKey(change.id);
    if (change.requesterId !== actor.person.id)
      return fail('not_allowed', `Only the requester can edit ${key}.`);
    if (!isEditable(change.state)) {
      return fail(
        'not_editable',
        `${key} is ${STATE_LABELS[change.state].toLowerCase()}; it can no longer be edited.`,
      );
    }
    if (cmd.expectedVersion !== change.version) {
      return fail(
        'stale_version',
        `${key} was edited meanwhile (now version ${change.version}); reopen it and try again.`,
      );
    }
    if (draft.type !== change.type)
      return fail(
        'type_fixed',
        'The type of a raised change cannot change; cancel it and raise a new one.',
        'type',
      );

    let state = change.state;
    let route = change.approvalRoute;
    let boardId = change.boardId;
    if (change.type !== 'standard') {
      const selected = selectRoute(ctx.policy, change.type as 'normal' | 'emergency', risk.level);
      if (!selected.ok) return fail(selected.error.code, selected.error.message, 'type');
      route = selected.value.route;
      boardId = selected.value.board.id;
      const reopened = transition(change.type, state, 'reopen');
      if (!reopened.ok) return reopened;
      state = reopened.value;
    }
    const version = change.version + 1;
    saveOutgoingVersion(ctx, change, now);
    const expiresAt = change.type === 'standard' ? null : expiryForBoard(ctx.policy, boardId, now);
    const updated = ctx.repos.changes.update(change.id, {
      version,
      state,
      ...draftColumns(valid.value),
      boardId,
      approvalRoute: route,
      decidedAt: change.type === 'standard' ? change.decidedAt : null,
      expiresAt,
      updatedAt: now,
    });
    // The freeze justification is audited with the schedule (schedule.inside_freeze), not compared here.
    const changed = (Object.keys(draft) as (keyof ChangeDraft)[]).filter(
      (k) =>
        k !== 'freezeJustification' &&
        JSON.stringify(draft[k]) !==
          JSON.stringify((change as unknown as Record<string, unknown>)[k === 'risk' ? 'riskAnswers' : k]),
    );
    auditChange(ctx, actor, 'change.edited', updated, {
      at: now,
      data: { fromVersion: change.version, changed, riskLevel: risk.level, state },
    });
    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    recordChangeSchedule(ctx, actor, updated, draft, jobs, now, change);
    if (expiresAt) {
      jobs.scheduleForVersion(JOB.expireChange, change.id, version, expiresAt);
      // The reopened decision is reminded and escalated like a new one: the old version's jobs stand down.
      const remindAt = reminderAt(now, ctx.policy.defaults);
      if (remindAt) jobs.scheduleForVersion(JOB.remindApprovers, change.id, version, remindAt);
    }
    openObjectionWindow(ctx, updated, now);
    // A reopened approval unreadies the release the change rides.
    const rides = ctx.repos.releases.releaseOf(change.id);
    if (rides !== null) replanIfUnready(ctx, actor, rides, change.id, now);
    const reopenedNote =
      change.state === 'scheduled' && state === 'authorise' ? ' Its approval is reopened.' : '';
    const diff = askVotersAgain(ctx, jobs, change, updated);
    jobs.threadReply(
      change.id,
      [
        `${actor.person.name} edited ${key} (now version ${version}); earlier votes no longer count.${reopenedNote}`,
        ...diff,
      ].join('\n'),
    );
    return ok(updated);
  });
}
