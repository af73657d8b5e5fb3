import { formatChangeKey } from '../../domain/change/change-key.ts';
import { acceptsChanges } from '../../domain/release/lifecycle.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { auditRelease } from './release-audit.ts';
import { releaseOutbox } from './release-jobs.ts';
import { mayManage, modelOf } from './release-queries.ts';
import { replanIfUnready } from './replan-unready.ts';

/** Whether a change to these services may ride this release: not started yet, and its model covers them. */
export function releaseFitsChange(
  ctx: AppContext,
  releaseId: number,
  services: readonly string[],
): Result<void> {
  const release = ctx.repos.releases.get(releaseId);
  const key = formatReleaseKey(releaseId);
  if (!release) return fail('not_found', `${key} does not exist.`, 'release');
  if (!acceptsChanges(release.state))
    return fail('release_started', `${key} has started or is final.`, 'release');
  const model = modelOf(ctx, release.modelId);
  const outside =
    model && model.services.length > 0 ? services.filter((s) => !model.services.includes(s)) : [];
  if (!model || outside.length > 0) {
    return fail(
      'release_does_not_cover',
      `${key} does not cover ${outside.join(', ') || 'these services'}: pick a release whose model covers every affected service.`,
      'release',
    );
  }
  return ok(undefined);
}

/**
 * The requester puts their own change on an upcoming release from the change form (the release manager can
 * still drop it). One transaction: the checks, the link, the audit event, both cards refreshed.
 */
export function includeOwnChange(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; changeId: number },
): Result<void> {
  const now = ctx.clock();
  return inTransaction(ctx, () => {
    const change = ctx.repos.changes.get(cmd.changeId);
    const release = ctx.repos.releases.get(cmd.releaseId);
    if (!change || !release)
      return fail('not_found', `${formatChangeKey(cmd.changeId)} or its release does not exist.`);
    if (change.requesterId !== actor.person.id && !mayManage(ctx, release, actor.person))
      return fail(
        'not_allowed',
        `Only the requester of ${formatChangeKey(change.id)} can put it on a release.`,
      );
    const fits = releaseFitsChange(ctx, release.id, change.services);
    if (!fits.ok) return fits;
    const current = ctx.repos.releases.releaseOf(change.id);
    if (current !== null)
      return fail(
        'in_other_release',
        `${formatChangeKey(change.id)} already rides ${formatReleaseKey(current)}.`,
      );
    ctx.repos.releases.addChange(release.id, change.id, actor.person.id, now);
    auditRelease(ctx, actor, 'change.add', release, {
      at: now,
      changeId: change.id,
      data: { by: 'requester' },
    });
    releaseOutbox(ctx, now).refresh(release.id);
    outbox(ctx, now).refreshCards(change.id);
    replanIfUnready(ctx, actor, release.id, change.id, now);
    return ok(undefined);
  });
}
