import { createChangeVersionsRepository } from '../../db/change-versions-repo.ts';
import { describeDiff, diffVersions, type EditDiff, snapshotOf } from '../../domain/approval/edit-diff.ts';
import type { ChangeRecord, VoteRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { CardEditDiff } from '../../domain/views/change-card.ts';
import type { AppContext } from '../context.ts';
import { formatWhen } from '../describe.ts';
import type { outbox } from '../jobs/outbox.ts';

/** The version whose votes an edit set aside: the latest earlier version anyone voted on. */
function votedVersionBefore(change: ChangeRecord, votes: readonly VoteRecord[]): number | null {
  const earlier = votes.filter((v) => v.version < change.version).map((v) => v.version);
  return earlier.length === 0 ? null : Math.max(...earlier);
}

/** Sentences for a diff, with times in the policy's zone (plain text: threads and DMs have no reader zone). */
export function diffLines(policy: Policy, diff: EditDiff): string[] {
  const tz = policy.defaults.timezone;
  return describeDiff(diff, {
    window: (start, end) => `${formatWhen(start, tz)} – ${formatWhen(end, tz)}`,
    serviceName: (id) => policy.services.find((s) => s.id === id)?.name ?? id,
  });
}

/** What changed since the version the CAB last voted on, while the change waits for a new decision. */
export function diffSinceVotes(
  ctx: AppContext,
  change: ChangeRecord,
  votes: readonly VoteRecord[],
): EditDiff | null {
  if (change.state !== 'authorise') return null;
  const voted = votedVersionBefore(change, votes);
  if (voted === null) return null;
  const before = createChangeVersionsRepository(ctx.database).get(change.id, voted);
  return before ? diffVersions(before, snapshotOf(change)) : null;
}

/** Keeps the outgoing version's content (in the edit's transaction), so a later diff can show what it said. */
export function saveOutgoingVersion(ctx: AppContext, before: ChangeRecord, now: Date): void {
  createChangeVersionsRepository(ctx.database).save(before.id, snapshotOf(before), now);
}

/**
 * After an edit reopened a decision: everyone who voted on the edited version is asked again by direct
 * message, with what changed. Returns the diff's lines for the thread reply (empty when nobody had voted).
 */
export function askVotersAgain(
  ctx: AppContext,
  jobs: ReturnType<typeof outbox>,
  before: ChangeRecord,
  after: ChangeRecord,
): string[] {
  if (after.state !== 'authorise') return [];
  const votes = ctx.repos.changes.listVotes(after.id);
  const diff = diffSinceVotes(ctx, after, votes);
  if (!diff) return [];
  const lines = diffLines(ctx.policy, diff);
  const key = formatChangeKey(after.id);
  const voters = new Map<number, VoteRecord>();
  for (const v of votes) if (v.version === before.version) voters.set(v.personId, v);
  for (const [personId] of voters) {
    jobs.notify(personId, {
      changeId: after.id,
      headline: `${key} was edited after you voted; your vote no longer counts. Please vote again on version ${after.version}.`,
      body: [`Changed since version ${diff.fromVersion}:`, ...lines].join('\n'),
      questionId: null,
    });
  }
  return [`Changed since version ${diff.fromVersion} (the one voted on):`, ...lines];
}

/** The card's "changed since the vote" section, or null when no reopened decision is pending. */
export function cardDiffSinceVotes(
  ctx: AppContext,
  change: ChangeRecord,
  votes: readonly VoteRecord[],
): CardEditDiff | null {
  const diff = diffSinceVotes(ctx, change, votes);
  return diff ? { fromVersion: diff.fromVersion, lines: diffLines(ctx.policy, diff) } : null;
}
