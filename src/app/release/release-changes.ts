import { acceptsChanges } from '../../domain/release/lifecycle.ts';
import { isAuthorised } from '../../domain/release/readiness.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import { fail, ok } from '../../domain/result.ts';
import type { Actor, AppContext } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { manage } from './manage.ts';

/** Adds a change to a release that has not started; a change rides one release at a time. */
export function addChange(ctx: AppContext, actor: Actor, cmd: { releaseId: number; changeId: number }) {
  return manage(ctx, actor, cmd.releaseId, {
    action: 'change.add',
    changeId: cmd.changeId,
    // The change's own card shows the release it rides.
    after: (_release, now) => outbox(ctx, now).refreshCards(cmd.changeId),
    step: (release, now) => {
      const key = formatReleaseKey(release.id);
      if (!acceptsChanges(release.state))
        return fail('release_started', `${key} has started or is final: no changes can join it.`);
      const change = ctx.repos.changes.get(cmd.changeId);
      if (!change) return fail('not_found', `CHG-${cmd.changeId} does not exist.`);
      if (['rejected', 'cancelled', 'expired'].includes(change.state))
        return fail('change_closed', `CHG-${change.id} is ${change.state}: it cannot ride a release.`);
      const current = ctx.repos.releases.releaseOf(change.id);
      if (current === release.id) return fail('already_included', `CHG-${change.id} is already in ${key}.`);
      if (current !== null)
        return fail(
          'in_other_release',
          `CHG-${change.id} is already in ${formatReleaseKey(current)}; remove it there first.`,
        );
      ctx.repos.releases.addChange(release.id, change.id, actor.person.id, now);
      // "Ready" means every change is authorised: one joining before its approval sends it back to planning.
      return ok(release.state === 'ready' && !isAuthorised(change) ? { state: 'planned' } : {});
    },
  });
}

/** Drops a change from a release that has not started (e.g. one not approved in time). */
export function removeChange(ctx: AppContext, actor: Actor, cmd: { releaseId: number; changeId: number }) {
  return manage(ctx, actor, cmd.releaseId, {
    action: 'change.remove',
    changeId: cmd.changeId,
    after: (_release, now) => outbox(ctx, now).refreshCards(cmd.changeId),
    step: (release) => {
      const key = formatReleaseKey(release.id);
      if (!acceptsChanges(release.state))
        return fail('release_started', `${key} has started or is final: its changes are fixed.`);
      return ctx.repos.releases.removeChange(release.id, cmd.changeId)
        ? ok({})
        : fail('not_included', `CHG-${cmd.changeId} is not in ${key}.`);
    },
  });
}
