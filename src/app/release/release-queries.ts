import type { ReleaseRecord } from '../../db/release-repo.ts';
import { memberMatches } from '../../domain/change/approval.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { MemberRef } from '../../domain/policy/types.ts';
import { releaseNotes } from '../../domain/release/notes.ts';
import { readinessOf } from '../../domain/release/readiness.ts';
import type { IncludedChange, ReleaseModel } from '../../domain/release/types.ts';
import { buildReleaseCard, changeLines, type ReleaseCardView } from '../../domain/release/views.ts';
import type { AppContext } from '../context.ts';
import { approversYetToVote } from '../queries.ts';

export const releaseModels = (ctx: AppContext): readonly ReleaseModel[] => ctx.policy.releaseModels ?? [];

export const modelOf = (ctx: AppContext, modelId: string): ReleaseModel | null =>
  releaseModels(ctx).find((m) => m.id === modelId) ?? null;

/** The person a policy entry names, when they are known (policy people are recorded at start-up). */
export function personOfMember(ctx: AppContext, member: MemberRef): PersonRecord | null {
  const { people } = ctx.repos;
  return (
    (member.slack && people.findByIdentity({ platform: 'slack', slackUserId: member.slack, name: '' })) ||
    (member.teams && people.findByIdentity({ platform: 'teams', teamsUserId: member.teams, name: '' })) ||
    (member.email && people.findByEmail(member.email)) ||
    null
  );
}

/** Only the model's release managers, or a change manager with the final say, manage a release. */
export function mayManage(
  ctx: AppContext,
  release: Pick<ReleaseRecord, 'modelId' | 'managerId'>,
  person: PersonRecord,
): boolean {
  if (release.managerId === person.id) return true;
  const model = modelOf(ctx, release.modelId);
  if (model?.managers.some((m) => memberMatches(m, person))) return true;
  return ctx.policy.boards.some((b) => b.members.some((m) => m.finalSay && memberMatches(m, person)));
}

/** The included changes as release rules see them, with their requesters' names: one read. */
export function includedChanges(ctx: AppContext, releaseId: number): IncludedChange[] {
  return ctx.repos.releases.included(releaseId);
}

/** Approvers still to vote, by change, for the included changes that are not approved. */
export function waitingOnOf(ctx: AppContext, changes: readonly IncludedChange[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  for (const c of readinessOf(changes).unapproved) {
    const change = ctx.repos.changes.get(c.id);
    if (change?.state === 'authorise')
      map.set(
        c.id,
        approversYetToVote(ctx, change).map((p) => p.name),
      );
  }
  return map;
}

export function releaseCard(ctx: AppContext, releaseId: number): ReleaseCardView | null {
  const release = ctx.repos.releases.get(releaseId);
  if (!release) return null;
  const changes = includedChanges(ctx, releaseId);
  return buildReleaseCard({
    release,
    modelName: modelOf(ctx, release.modelId)?.name ?? release.modelId,
    managerName: release.managerId ? (ctx.repos.people.get(release.managerId)?.name ?? null) : null,
    changes,
    waitingOn: waitingOnOf(ctx, changes),
  });
}

export function unapprovedLines(ctx: AppContext, releaseId: number) {
  const changes = includedChanges(ctx, releaseId);
  return changeLines(changes, waitingOnOf(ctx, changes)).filter((l) => !l.approved);
}

export const notesOf = (ctx: AppContext, releaseId: number) => releaseNotes(includedChanges(ctx, releaseId));

/** Upcoming releases (planned or ready) whose model covers every one of these services. */
export function upcomingReleasesFor(
  ctx: AppContext,
  services: readonly string[],
  limit = 20,
): ReleaseRecord[] {
  const now = ctx.clock();
  return ctx.repos.releases
    .listStartingBetween(now, new Date(now.getTime() + 90 * 86_400_000), ['planned', 'ready'], limit * 3)
    .filter((r) => {
      const model = modelOf(ctx, r.modelId);
      return model && (model.services.length === 0 || services.every((s) => model.services.includes(s)));
    })
    .slice(0, limit);
}

/** Releases this person is the release manager of (their turn of the rotation), not final yet. */
export function releasesManagedBy(ctx: AppContext, person: PersonRecord, limit = 10): ReleaseRecord[] {
  return ctx.repos.releases.listOpenManagedBy(person.id, limit);
}

/** App Home's release lists: the ones this person manages, and every release of the next 30 days. */
export function homeReleases(ctx: AppContext, person: PersonRecord) {
  const now = ctx.clock();
  const until = new Date(now.getTime() + 30 * 86_400_000);
  return {
    mine: releasesManagedBy(ctx, person, 5),
    upcoming: ctx.repos.releases.listStartingBetween(now, until, ['planned', 'ready', 'in_progress'], 5),
  };
}
