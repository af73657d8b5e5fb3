import type { ReleasePatch, ReleaseRecord } from '../../db/release-repo.ts';
import { releaseTransition } from '../../domain/release/lifecycle.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { ReleaseAction } from '../../domain/release/types.ts';
import type { ReleaseMessageKind } from '../../domain/release/views.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { releaseMessage } from './messages.ts';
import { auditRelease } from './release-audit.ts';
import { releaseOutbox } from './release-jobs.ts';
import { mayManage } from './release-queries.ts';

export type Step = (release: ReleaseRecord, now: Date) => Result<ReleasePatch, DomainError>;

export interface ManageOptions {
  readonly action: string;
  /** The lifecycle step taken, if any (a checklist tick takes none). */
  readonly transition?: ReleaseAction;
  readonly step?: Step;
  readonly announce?: ReleaseMessageKind;
  readonly reason?: string | null;
  readonly after?: (release: ReleaseRecord, now: Date) => void;
  /** The change this step is about (kept in the audit trail's change column). */
  readonly changeId?: number;
}

/**
 * One release-management step as one transaction: the actor must manage the release (a refusal changes
 * nothing), the lifecycle table must allow it, then the write, the audit event, the card refresh and any
 * announcement. Every release use case goes through here.
 */
export function manage(
  ctx: AppContext,
  actor: Actor,
  releaseId: number,
  opts: ManageOptions,
): Result<ReleaseRecord, DomainError> {
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<ReleaseRecord, DomainError> => {
    const release = ctx.repos.releases.get(releaseId);
    const key = formatReleaseKey(releaseId);
    if (!release) return fail('not_found', `${key} does not exist.`);
    if (!mayManage(ctx, release, actor.person)) {
      return fail('not_allowed', `Only the release managers of ${key} or a change manager can do that.`);
    }
    let state = release.state;
    if (opts.transition) {
      const next = releaseTransition(release.state, opts.transition);
      if (!next.ok) return fail(next.error.code, `${key}: ${next.error.message}`);
      state = next.value;
    }
    const patch: Result<ReleasePatch, DomainError> = opts.step ? opts.step(release, now) : ok({});
    if (!patch.ok) return patch;
    const updated = ctx.repos.releases.update(release.id, {
      ...patch.value,
      state: patch.value.state ?? state,
      version: release.version + 1,
      updatedAt: now,
    });
    auditRelease(ctx, actor, opts.action, updated, {
      at: now,
      ...(opts.changeId ? { changeId: opts.changeId } : {}),
      reason: opts.reason ?? null,
      data: { from: release.state, to: updated.state, ...jsonable(patch.value) },
    });
    const jobs = releaseOutbox(ctx, now);
    jobs.refresh(release.id);
    if (opts.announce)
      jobs.announce(release.id, releaseMessage(ctx, updated, opts.announce, { by: actor.person.name }));
    opts.after?.(updated, now);
    return ok(updated);
  });
}

const jsonable = (patch: ReleasePatch): Record<string, unknown> =>
  Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
