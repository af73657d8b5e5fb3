import { canVoteAsDelegate } from '../../app/approval/delegation.ts';
import { boardOf, voterStanding } from '../../app/approval-state.ts';
import type { AppContext } from '../../app/context.ts';
import { describeOwnVote } from '../../app/describe.ts';
import { approversYetToVote, changeCard } from '../../app/queries.ts';
import { checkVote } from '../../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import type { CardAudience, ChangeCardView } from '../../domain/views/change-card.ts';
import type { AdaptiveCard } from './render/adaptive-card.ts';
import { type Notice, renderChangeCard } from './render/change-card.ts';
import type { CardErrors, CardValues } from './render/change-card-actions.ts';

/** The Teams users (29:… ids) whose client should fetch their own view: approvers yet to vote, at most 60. */
export function refreshUserIds(ctx: AppContext, change: ChangeRecord): string[] {
  if (change.state !== 'authorise') return [];
  return approversYetToVote(ctx, change)
    .map((p) => p.teamsChannelId)
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .slice(0, 60);
}

/** The copy everyone in a conversation sees (posted, then updated in place after every change). */
export function sharedCard(ctx: AppContext, view: ChangeCardView): AdaptiveCard {
  const change = ctx.repos.changes.get(view.changeId);
  return renderChangeCard(view, {
    votes: 'pull',
    refreshUserIds: change && view.audience === 'cab' ? refreshUserIds(ctx, change) : null,
  });
}

/** Why this person cannot vote on the change now, or null if they can. */
export function whyCannotVote(ctx: AppContext, change: ChangeRecord, person: PersonRecord): string | null {
  const board = boardOf(ctx.policy, change);
  const requester = ctx.repos.people.get(change.requesterId);
  if (!requester) return `The requester of ${formatChangeKey(change.id)} is unknown.`;
  const votes = ctx.repos.changes.listVotes(change.id);
  const own = votes.find((v) => v.personId === person.id && v.version === change.version);
  const check = checkVote({
    state: change.state,
    currentVersion: change.version,
    votedVersion: change.version,
    ...voterStanding(ctx.policy, board, requester, person),
    alreadyVoted: own !== undefined,
    decision: 'approve',
    reason: null,
  });
  if (check.ok) return null;
  if (canVoteAsDelegate(ctx, change, person, votes)) return null;
  if (check.error.code === 'duplicate_vote' && own)
    return describeOwnVote(change, own, ctx.policy.defaults.timezone);
  if (check.error.code === 'not_cab_member') {
    return `Only members of ${board?.name ?? 'the change authority'} can vote on ${formatChangeKey(change.id)}.`;
  }
  return check.error.message;
}

/**
 * One person's view of a change card: vote buttons only if they may still vote, plus an optional line just
 * for them (what their click did, or why it was refused). Returned to a clicker and to Teams' refresh.
 */
export function personalCard(
  ctx: AppContext,
  changeId: number,
  audience: CardAudience,
  person: PersonRecord,
  extra: { notice?: Notice | null; errors?: CardErrors; values?: CardValues; explainVote?: boolean } = {},
): AdaptiveCard | null {
  const view = changeCard(ctx, changeId, audience);
  const change = ctx.repos.changes.get(changeId);
  if (!view || !change) return null;
  const voting = view.actions.includes('approve');
  const refusal = voting ? whyCannotVote(ctx, change, person) : null;
  const notice =
    extra.notice ??
    (voting && refusal !== null && extra.explainVote ? { text: refusal, tone: 'default' as const } : null);
  return renderChangeCard(view, {
    votes: voting && refusal === null ? 'buttons' : 'none',
    refreshUserIds: voting && audience === 'cab' ? refreshUserIds(ctx, change) : null,
    notice,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.values ? { values: extra.values } : {}),
  });
}
