import { createHash } from 'node:crypto';
import {
  checkStepUp,
  type FingerprintSource,
  fingerprintText,
  needsStepUp,
} from '../../domain/approval/step-up.ts';
import type { ChangeRecord } from '../../domain/change/change.ts';
import type { Result } from '../../domain/result.ts';
import { auditChange } from '../audit.ts';
import type { Actor, AppContext } from '../context.ts';

/** A short, stable hash of what an approver confirms (see `fingerprintText`). */
export const fingerprintOf = (change: FingerprintSource): string =>
  createHash('sha256').update(fingerprintText(change)).digest('hex').slice(0, 32);

export const stepUpRequired = (ctx: AppContext, change: ChangeRecord): boolean =>
  change.type !== 'standard' && needsStepUp(change.approvalRoute, change.riskLevel, ctx.policy.defaults);

/**
 * The step-up hook of a vote, inside its transaction: an approval of a step-up change counts only with a
 * confirmation of the fingerprint stored now. A confirmed approval is audited with the fingerprint.
 */
export function stepUpForVote(
  ctx: AppContext,
  actor: Actor,
  change: ChangeRecord,
  decision: 'approve' | 'reject',
  confirmed: string | null,
  now: Date,
): Result<void> {
  if (decision !== 'approve') return { ok: true, value: undefined };
  const required = stepUpRequired(ctx, change);
  if (!required) return { ok: true, value: undefined };
  const current = fingerprintOf(change);
  const check = checkStepUp({ required, confirmed, current, changeId: change.id });
  if (check.ok) {
    auditChange(ctx, actor, 'vote.step_up_confirmed', change, { at: now, data: { fingerprint: current } });
  }
  return check;
}
