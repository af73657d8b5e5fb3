import type { ReleaseRecord } from '../../db/release-repo.ts';
import { toggleStep } from '../../domain/release/checklist.ts';
import { isReleaseFinal } from '../../domain/release/lifecycle.ts';
import { checkCanStart } from '../../domain/release/readiness.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import { reviewNudgeAt } from '../../domain/release/reminder-plan.ts';
import type { ReleaseOutcome } from '../../domain/release/types.ts';
import { fail, ok } from '../../domain/result.ts';
import type { Actor, AppContext } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { manage } from './manage.ts';
import { releaseOutbox } from './release-jobs.ts';
import { includedChanges, modelOf } from './release-queries.ts';
import { refreshChangesAround } from './release-schedule-refresh.ts';
import { longestReleaseWindowMs } from './release-schedule-source.ts';

/** The release manager declares the release ready: only once every included change is authorised. */
export function markReady(ctx: AppContext, actor: Actor, cmd: { releaseId: number }) {
  return manage(ctx, actor, cmd.releaseId, {
    action: 'ready',
    transition: 'ready',
    step: (release) => {
      const check = checkCanStart(formatReleaseKey(release.id), includedChanges(ctx, release.id), 'be ready');
      return check.ok ? ok({}) : check;
    },
  });
}

/** Release execution starts; refused while an included change is not approved (drop it, or get it approved). */
export function startRelease(ctx: AppContext, actor: Actor, cmd: { releaseId: number }) {
  return manage(ctx, actor, cmd.releaseId, {
    action: 'start',
    transition: 'start',
    announce: 'started',
    step: (release, now) => {
      const check = checkCanStart(formatReleaseKey(release.id), includedChanges(ctx, release.id));
      return check.ok ? ok({ startedAt: now }) : check;
    },
  });
}

export interface CompleteReleaseCommand {
  readonly releaseId: number;
  readonly outcome: ReleaseOutcome;
  readonly notes: string | null;
}

/** The release is verified and done: its outcome and notes are announced, and a review nudge is planned. */
export function completeRelease(ctx: AppContext, actor: Actor, cmd: CompleteReleaseCommand) {
  return manage(ctx, actor, cmd.releaseId, {
    action: 'complete',
    transition: 'complete',
    announce: 'completed',
    reason: cmd.notes?.trim() || null,
    step: (_release, now) => ok({ outcome: cmd.outcome, notes: cmd.notes?.trim() || null, completedAt: now }),
    after: (release, now) => {
      const model = modelOf(ctx, release.modelId);
      const at = model ? reviewNudgeAt(model.reminders, now) : null;
      if (model && at) releaseOutbox(ctx, now).scheduleReview(release, at, model.reminders.review ?? 0);
    },
  });
}

export function cancelRelease(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; reason: string | null },
) {
  return withdraw(ctx, actor, cmd, 'cancel', 'cancelled');
}

/**
 * Cancelling and skipping are the same step but for their names: the release will not run, so its changes
 * are freed and the channel is told why.
 */
function withdraw(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; reason: string | null },
  how: 'cancel' | 'skip',
  announce: 'cancelled' | 'skipped',
) {
  return manage(ctx, actor, cmd.releaseId, {
    action: how,
    transition: how,
    announce,
    reason: cmd.reason,
    after: (release, now) => freeChanges(ctx, release, now),
  });
}

/**
 * A release that will not run frees its changes for another one (their cards stop naming it), and gives up
 * its window: the changes it overlapped stop naming it too.
 */
function freeChanges(ctx: AppContext, release: ReleaseRecord, now: Date): void {
  for (const changeId of ctx.repos.releases.changeIds(release.id)) {
    ctx.repos.releases.removeChange(release.id, changeId);
    outbox(ctx, now).refreshCards(changeId);
  }
  refreshChangesAround(ctx, release, now);
}

/** A train's instance that will not run: skipped (its changes are freed), and the channel is told. */
export function skipRelease(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; reason: string | null },
) {
  return withdraw(ctx, actor, cmd, 'skip', 'skipped');
}

/** The next instance of a model that has not started: what `skip <model>` skips. */
export function nextInstanceOf(ctx: AppContext, modelId: string): ReleaseRecord | null {
  const now = ctx.clock();
  return (
    ctx.repos.releases
      .listStartingBetween(now, new Date(now.getTime() + 366 * 86_400_000), ['planned', 'ready'], 200)
      .find((r) => r.modelId === modelId) ?? null
  );
}

/**
 * Moves the window: a new generation whose reminders are planned afresh. The old reminder jobs stay in the
 * table but find a stale generation when they come due, so they never fire.
 */
export function moveWindow(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; start: Date; end: Date | null },
) {
  let previous: { start: Date; end: Date } | null = null;
  return manage(ctx, actor, cmd.releaseId, {
    action: 'move',
    transition: 'move',
    step: (release, now) => {
      previous = { start: release.plannedStart, end: release.plannedEnd };
      if (cmd.start.getTime() <= now.getTime())
        return fail('start_in_past', 'The new start must be in the future.', 'start');
      const length = release.plannedEnd.getTime() - release.plannedStart.getTime();
      const end = cmd.end ?? new Date(cmd.start.getTime() + length);
      if (end.getTime() <= cmd.start.getTime())
        return fail('end_before_start', 'The end must be after the start.', 'end');
      if (end.getTime() - cmd.start.getTime() > longestReleaseWindowMs(ctx))
        return fail('window_too_long', 'A release window can be at most 14 days.', 'end');
      return ok({ plannedStart: cmd.start, plannedEnd: end, generation: release.generation + 1 });
    },
    after: (release, now) => {
      const model = modelOf(ctx, release.modelId);
      if (model) releaseOutbox(ctx, now).scheduleReminders(release, model);
      // The changes it overlapped before and the ones it overlaps now.
      const windows = [{ start: release.plannedStart, end: release.plannedEnd }];
      refreshChangesAround(ctx, release, now, previous ? [previous, ...windows] : windows);
    },
  });
}

/** Ticks or unticks a manual checklist step; the computed step ("every change authorised") cannot be ticked. */
export function tickChecklist(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; index: number; done: boolean },
) {
  return manage(ctx, actor, cmd.releaseId, {
    action: cmd.done ? 'checklist.tick' : 'checklist.untick',
    step: (release, now) => {
      if (isReleaseFinal(release.state))
        return fail('release_final', `${formatReleaseKey(release.id)} is final; its checklist is closed.`);
      const item = release.checklist[cmd.index];
      if (item?.auto === 'components')
        return fail(
          'computed_step',
          'That step is computed: it is ticked when every included change is authorised.',
        );
      if (item && item.done === cmd.done) {
        const what = cmd.done ? `already ticked by ${item.by ?? 'someone'}` : 'already unticked';
        return fail('already_done', `"${item.label}" is ${what}.`);
      }
      const items = toggleStep(release.checklist, cmd.index, cmd.done, actor.person.name, now);
      return items ? ok({ checklist: items }) : fail('no_such_step', 'That checklist step does not exist.');
    },
  });
}

/** An exposure step (deployment is not release): e.g. "feature flag on for 10 %", with who and when. */
export function recordExposure(ctx: AppContext, actor: Actor, cmd: { releaseId: number; step: string }) {
  const step = cmd.step.trim();
  if (!step) return fail('step_required', 'Say what was exposed, e.g. "feature flag on for 10 %".', 'step');
  return manage(ctx, actor, cmd.releaseId, {
    action: 'exposure',
    step: (release, now) =>
      release.state !== 'in_progress' && release.state !== 'completed'
        ? fail(
            'not_started',
            `${formatReleaseKey(release.id)} has not started: expose it once it is in progress.`,
          )
        : ok({
            exposures: [
              ...release.exposures,
              { step: step.slice(0, 200), by: actor.person.name, at: now.toISOString() },
            ],
          }),
  });
}

export { addChange, removeChange } from './release-changes.ts';
