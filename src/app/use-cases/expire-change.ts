import { formatChangeKey } from '../../domain/change/change-key.ts';
import { isExpired } from '../../domain/change/expiry.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import { enqueue } from '../../jobs/queue.ts';
import { auditChange } from '../audit.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { JOB } from '../jobs/kinds.ts';

/**
 * Expires a change still undecided at its deadline (ITIL: pending approvals finally expire). Runs from a
 * job; a change decided or edited since (another version) is left alone, so a late job is harmless.
 */
export function expireChange(
  ctx: AppContext,
  cmd: { changeId: number; version: number },
): 'expired' | 'unchanged' {
  const now = ctx.clock();
  return inTransaction(ctx, () => {
    const change = ctx.repos.changes.get(cmd.changeId);
    if (!change || change.version !== cmd.version || !isExpired(change.state, change.expiresAt, now)) {
      return 'unchanged';
    }
    const next = transition(change.type, change.state, 'expire');
    if (!next.ok) return 'unchanged';
    const updated = ctx.repos.changes.update(change.id, { state: next.value, updatedAt: now });
    auditChange(ctx, null, 'change.expired', updated, {
      at: now,
      data: { expiresAt: change.expiresAt?.toISOString() },
    });
    const key = formatChangeKey(change.id);
    const db = ctx.database.db;
    enqueue(db, { kind: JOB.refreshCards, payload: { changeId: change.id }, runAt: now });
    enqueue(db, {
      kind: JOB.notifyPerson,
      payload: {
        personId: change.requesterId,
        notice: {
          changeId: change.id,
          headline: `${key} expired without a decision.`,
          body: 'Edit the window and raise it again if it is still needed.',
          questionId: null,
        },
      },
      runAt: now,
    });
    enqueue(db, {
      kind: JOB.threadReply,
      payload: { changeId: change.id, text: `${key} expired without a decision.` },
      runAt: now,
    });
    return 'expired';
  });
}
