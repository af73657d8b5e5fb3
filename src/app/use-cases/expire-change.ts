import type { ChangeRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { isExpired } from '../../domain/change/expiry.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import type { DomainError } from '../../domain/result.ts';
import { auditChange } from '../audit.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { formatWhen } from '../describe.ts';
import { outbox } from '../jobs/outbox.ts';

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
    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    jobs.notify(change.requesterId, {
      changeId: change.id,
      headline: `${key} expired without a decision.`,
      body: 'Raise it again with a new window if it is still needed.',
      questionId: null,
    });
    jobs.threadReply(change.id, `${key} expired without a decision.`);
    return 'expired';
  });
}

/**
 * A change whose deadline passed while its expiry job waited (a restart, a backlog) expires now, inside the
 * caller's transaction, rather than taking a late vote or edit: the refusal to give. Null when it is live.
 */
export function expireIfDue(ctx: AppContext, change: ChangeRecord, now: Date): DomainError | null {
  if (!change.expiresAt || !isExpired(change.state, change.expiresAt, now)) return null;
  expireChange(ctx, { changeId: change.id, version: change.version });
  const when = formatWhen(change.expiresAt, ctx.policy.defaults.timezone);
  return {
    code: 'not_open_for_votes',
    message: `${formatChangeKey(change.id)} expired without a decision on ${when}. Raise it again with a new window if it is still needed.`,
  };
}
