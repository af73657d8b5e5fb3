import { releaseTransition } from '../../domain/release/lifecycle.ts';
import { readinessOf } from '../../domain/release/readiness.ts';
import type { Actor, AppContext } from '../context.ts';
import { auditRelease } from './release-audit.ts';
import { releaseOutbox } from './release-jobs.ts';
import { includedChanges } from './release-queries.ts';

/**
 * ITIL release planning: "Ready" means every included change is authorised, so a Ready release whose changes
 * no longer all are (one joined before approval, or an edit reopened one's approval) goes back to Planned,
 * audited, its card refreshed. Call inside the transaction that made the change; nothing happens otherwise.
 */
export function replanIfUnready(
  ctx: AppContext,
  actor: Actor,
  releaseId: number,
  changeId: number,
  now: Date,
): void {
  const release = ctx.repos.releases.get(releaseId);
  if (release?.state !== 'ready') return;
  if (readinessOf(includedChanges(ctx, releaseId)).componentsVerified) return;
  const next = releaseTransition(release.state, 'unready');
  if (!next.ok) return;
  const updated = ctx.repos.releases.update(release.id, {
    state: next.value,
    version: release.version + 1,
    updatedAt: now,
  });
  auditRelease(ctx, actor, 'unready', updated, {
    at: now,
    changeId,
    reason: `CHG-${changeId} is not approved`,
    data: { from: release.state, to: updated.state },
  });
  releaseOutbox(ctx, now).refresh(release.id);
}
