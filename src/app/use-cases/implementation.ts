import { memberMatches } from '../../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { canCloseWithoutReview, transition } from '../../domain/change/lifecycle.ts';
import type { ChangeAction, Outcome } from '../../domain/change/types.ts';
import { checkStartWindow } from '../../domain/change/window.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { OUTCOME_LABELS } from '../../domain/views/change-card.ts';
import { boardOf } from '../approval-state.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { loadChange } from '../load.ts';

/** The requester, a board implementer, or a change manager with the final say may run the change. */
function mayImplement(ctx: AppContext, change: ChangeRecord, person: PersonRecord): boolean {
  if (change.requesterId === person.id) return true;
  const board = boardOf(ctx.policy, change);
  if (!board) return false;
  return (
    (board.implementers ?? []).some((m) => memberMatches(m, person)) ||
    board.members.some((m) => m.finalSay && memberMatches(m, person))
  );
}

type Step = (change: ChangeRecord, now: Date) => Result<Partial<Record<string, unknown>>, DomainError>;

/** Applies one lifecycle action as a transaction: permission, transition, the step's own checks, audit, jobs. */
function runLifecycleAction(
  ctx: AppContext,
  actor: Actor,
  changeId: number,
  action: ChangeAction,
  opts: { who: 'requester' | 'implementer'; reason?: string | null; step?: Step; notify?: string },
): Result<ChangeRecord, DomainError> {
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<ChangeRecord, DomainError> => {
    const loaded = loadChange(ctx, changeId);
    if (!loaded.ok) return loaded;
    const { change } = loaded.value;
    const key = formatChangeKey(change.id);
    const allowed =
      opts.who === 'requester'
        ? change.requesterId === actor.person.id
        : mayImplement(ctx, change, actor.person);
    if (!allowed) {
      const who = opts.who === 'requester' ? 'its requester' : 'its requester or an implementer';
      return fail('not_allowed', `Only ${who} can do that to ${key}.`);
    }
    const next = transition(change.type, change.state, action);
    if (!next.ok) return next;
    const extra = opts.step ? opts.step(change, now) : ok({});
    if (!extra.ok) return extra;
    const updated = ctx.repos.changes.update(change.id, {
      ...extra.value,
      state: next.value,
      updatedAt: now,
    });
    auditChange(ctx, actor, `change.${action}`, updated, {
      at: now,
      reason: opts.reason ?? null,
      data: { from: change.state, to: next.value, ...extra.value },
    });
    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    if (opts.notify) {
      const text = `${key} ${opts.notify} by ${actor.person.name}.`;
      jobs.threadReply(change.id, text);
      if (change.requesterId !== actor.person.id) {
        jobs.notify(change.requesterId, {
          changeId: change.id,
          headline: text,
          body: opts.reason ?? null,
          questionId: null,
        });
      }
    }
    return ok(updated);
  });
}

/** The requester withdraws a change that has not started. */
export function cancelChange(
  ctx: AppContext,
  actor: Actor,
  cmd: { changeId: number; reason: string | null },
) {
  return runLifecycleAction(ctx, actor, cmd.changeId, 'cancel', {
    who: 'requester',
    reason: cmd.reason?.trim() || null,
    notify: 'was cancelled',
  });
}

/** Implementation starts, inside the authorised window only. */
export function startImplementation(ctx: AppContext, actor: Actor, cmd: { changeId: number }) {
  return runLifecycleAction(ctx, actor, cmd.changeId, 'start', {
    who: 'implementer',
    notify: 'was started',
    step: (change, now) => {
      const window = checkStartWindow(change.plannedStart, change.plannedEnd, now);
      if (!window.ok)
        return fail(window.error.code, `${formatChangeKey(change.id)} cannot start: ${window.error.message}`);
      return ok({ startedAt: now });
    },
  });
}

export interface CompleteCommand {
  readonly changeId: number;
  readonly outcome: Outcome;
  readonly note: string | null;
  readonly incidentsCaused: number;
}

/** Implementation ends with an outcome; the change goes to review (a PIR), or closes if none is needed. */
export function completeChange(ctx: AppContext, actor: Actor, cmd: CompleteCommand) {
  if (!Number.isInteger(cmd.incidentsCaused) || cmd.incidentsCaused < 0) {
    return fail(
      'invalid_incidents',
      'Incidents caused must be a whole number, 0 or more.',
      'incidentsCaused',
    );
  }
  const completed = runLifecycleAction(ctx, actor, cmd.changeId, 'complete', {
    who: 'implementer',
    reason: cmd.note?.trim() || null,
    notify: `was completed: ${OUTCOME_LABELS[cmd.outcome]}`,
    step: (_change, now) =>
      ok({
        outcome: cmd.outcome,
        outcomeNote: cmd.note?.trim() || null,
        incidentsCaused: cmd.incidentsCaused,
        completedAt: now,
      }),
  });
  if (!completed.ok) return completed;
  // A successful standard change needs no PIR: close it straight away so the review queue holds real work.
  const change = completed.value;
  if (
    change.type === 'standard' &&
    cmd.outcome === 'successful' &&
    canCloseWithoutReview(change.type, cmd.outcome).ok
  ) {
    return runLifecycleAction(ctx, actor, change.id, 'close', { who: 'implementer' });
  }
  return completed;
}

export interface ReviewCommand {
  readonly changeId: number;
  readonly metGoal: boolean;
  readonly summary: string;
  readonly lessons: string;
}

/** Records the post-implementation review and closes the change. */
export function recordReview(ctx: AppContext, actor: Actor, cmd: ReviewCommand) {
  const summary = cmd.summary.trim();
  if (!summary) return fail('summary_required', 'Summarise how the change went.', 'summary');
  return runLifecycleAction(ctx, actor, cmd.changeId, 'review', {
    who: 'implementer',
    notify: 'was reviewed and closed',
    step: (_change, now) =>
      ok({
        review: {
          metGoal: cmd.metGoal,
          summary,
          lessons: cmd.lessons.trim(),
          reviewerId: actor.person.id,
          at: now.toISOString(),
        },
      }),
  });
}
