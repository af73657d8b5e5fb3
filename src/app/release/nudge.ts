import { formatChangeKey } from '../../domain/change/change-key.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { approversYetToVote } from '../queries.ts';
import { auditRelease } from './release-audit.ts';
import { mayManage } from './release-queries.ts';

/** The release manager nudges the approvers still to vote on an included change (a direct message each). */
export function nudgeApprovers(
  ctx: AppContext,
  actor: Actor,
  cmd: { releaseId: number; changeId: number },
): Result<{ nudged: string[] }> {
  const now = ctx.clock();
  return inTransaction(ctx, () => {
    const release = ctx.repos.releases.get(cmd.releaseId);
    const key = formatReleaseKey(cmd.releaseId);
    const changeKey = formatChangeKey(cmd.changeId);
    if (!release) return fail('not_found', `${key} does not exist.`);
    if (!mayManage(ctx, release, actor.person))
      return fail('not_allowed', `Only the release managers of ${key} or a change manager can do that.`);
    if (ctx.repos.releases.releaseOf(cmd.changeId) !== release.id)
      return fail('not_included', `${changeKey} is not in ${key}.`);
    const change = ctx.repos.changes.get(cmd.changeId);
    if (change?.state !== 'authorise') return fail('not_waiting', `${changeKey} is not waiting for votes.`);
    const people = approversYetToVote(ctx, change);
    const jobs = outbox(ctx, now);
    for (const person of people) {
      jobs.notify(person.id, {
        changeId: change.id,
        headline: `${actor.person.name} asks for your vote on ${changeKey} "${change.title}": it rides ${key} ${release.name}.`,
        body: null,
        questionId: null,
      });
    }
    auditRelease(ctx, actor, 'nudge', release, {
      at: now,
      changeId: change.id,
      data: { nudged: people.map((p) => p.id) },
    });
    return ok({ nudged: people.map((p) => p.name) });
  });
}
