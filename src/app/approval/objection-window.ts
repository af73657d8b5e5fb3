import {
  createObjectionWindowsRepository,
  type ObjectionWindowRow,
} from '../../db/objection-windows-repo.ts';
import {
  checkObjection,
  type DeadlineOutcome,
  deadlineOutcome,
} from '../../domain/approval/objection-window.ts';
import { memberMatches } from '../../domain/change/approval.ts';
import type { ChangeRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import { type DomainError, ok, type Result } from '../../domain/result.ts';
import type { CardObjectionWindow } from '../../domain/views/change-card.ts';
import { enqueue } from '../../jobs/queue.ts';
import { boardOf } from '../approval-state.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { formatWhen } from '../describe.ts';
import { JOB, type VersionedJobPayload } from '../jobs/kinds.ts';
import { outbox } from '../jobs/outbox.ts';
import { loadChange } from '../load.ts';
import { afterHours } from './working-time.ts';

const repo = (ctx: AppContext) => createObjectionWindowsRepository(ctx.database);

/**
 * In the raise or edit transaction: a change whose route has `objectionWindowHours` gets a window for this
 * version, and its deadline is a durable job (one per version), so a restart loses and repeats nothing.
 */
export function openObjectionWindow(ctx: AppContext, change: ChangeRecord, now: Date): Date | null {
  const hours = change.approvalRoute?.objectionWindowHours;
  if (!hours || change.state !== 'authorise') return null;
  const deadline = afterHours(ctx.policy, change.boardId, now, hours);
  repo(ctx).open(change.id, change.version, deadline);
  enqueue(
    ctx.database.db,
    {
      kind: JOB.objectionDeadline,
      payload: { changeId: change.id, version: change.version } satisfies VersionedJobPayload,
      runAt: deadline,
      dedupeKey: `${JOB.objectionDeadline}:${change.id}:${change.version}`,
    },
    { now },
  );
  return deadline;
}

/** The window of the change's current version, for the card: its deadline and any objection. */
export function objectionWindowOf(ctx: AppContext, change: ChangeRecord): ObjectionWindowRow | null {
  if (!change.approvalRoute?.objectionWindowHours) return null;
  return repo(ctx).get(change.id, change.version);
}

/** `object CHG-n <reason>`: one transaction; the change leaves the window and goes to a normal vote. */
export function objectToChange(
  ctx: AppContext,
  actor: Actor,
  cmd: { changeId: number; version: number; reason: string },
): Result<ChangeRecord, DomainError> {
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<ChangeRecord, DomainError> => {
    const loaded = loadChange(ctx, cmd.changeId);
    if (!loaded.ok) return loaded;
    const { change } = loaded.value;
    const window = repo(ctx).get(change.id, change.version);
    const reason = cmd.reason.trim();
    const check = checkObjection({
      state: change.state,
      window,
      currentVersion: change.version,
      votedVersion: cmd.version,
      isMember: boardOf(ctx.policy, change)?.members.some((m) => memberMatches(m, actor.person)) ?? false,
      isRequester: change.requesterId === actor.person.id,
      reason,
      now,
    });
    if (!check.ok) return check;
    repo(ctx).object(window!.id, actor.person.id, reason, now);
    auditChange(ctx, actor, 'objection.raised', change, {
      at: now,
      reason,
      data: { deadline: window!.deadline.toISOString() },
    });
    const key = formatChangeKey(change.id);
    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    jobs.threadReply(
      change.id,
      `${actor.person.name} objected to ${key}: ${reason}\nIt now needs a normal vote.`,
    );
    jobs.notify(change.requesterId, {
      changeId: change.id,
      headline: `${actor.person.name} objected to ${key}; it now needs a normal CAB vote.`,
      body: reason,
      questionId: null,
    });
    return ok(change);
  });
}

/** The deadline job: approves by the policy when nobody objected, audited as such; moot when run again. */
export function closeObjectionWindow(ctx: AppContext, cmd: VersionedJobPayload): DeadlineOutcome {
  const now = ctx.clock();
  return inTransaction(ctx, (): DeadlineOutcome => {
    const change = ctx.repos.changes.get(cmd.changeId);
    const window = repo(ctx).get(cmd.changeId, cmd.version);
    if (!change || !window) return 'moot';
    const outcome = deadlineOutcome({ state: change.state, version: change.version, window, now });
    if (outcome !== 'approve') return outcome;
    const next = transition(change.type, change.state, 'approve');
    if (!next.ok) return 'moot';
    const updated = ctx.repos.changes.update(change.id, {
      state: next.value,
      decidedAt: now,
      updatedAt: now,
    });
    repo(ctx).approved(window.id, now);
    auditChange(ctx, null, 'change.approved', updated, {
      at: now,
      data: { by: 'objection_window', deadline: window.deadline.toISOString() },
    });
    const key = formatChangeKey(change.id);
    const when = formatWhen(window.deadline, ctx.policy.defaults.timezone);
    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    const headline = `${key} was approved by the policy: nobody objected by ${when}.`;
    jobs.notify(change.requesterId, { changeId: change.id, headline, body: null, questionId: null });
    jobs.threadReply(change.id, headline);
    return 'approve';
  });
}

/** The card's objection line: the deadline, and who objected and why. */
export function cardObjectionWindow(ctx: AppContext, change: ChangeRecord): CardObjectionWindow | null {
  const window = objectionWindowOf(ctx, change);
  if (!window) return null;
  const by = window.objectedBy ? (ctx.repos.people.get(window.objectedBy)?.name ?? 'Someone') : null;
  return {
    deadline: window.deadline,
    objection: by ? { by, reason: window.reason ?? '' } : null,
  };
}
