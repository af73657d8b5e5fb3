import { type ApprovalTally, checkVote } from '../../domain/change/approval.ts';
import type { ChangeRecord, VoteRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { transition } from '../../domain/change/lifecycle.ts';
import type { VoteDecision } from '../../domain/change/types.ts';
import { type DomainError, fail, ok, type Result } from '../../domain/result.ts';
import { recordVote } from '../../observability/ops-metrics.ts';
import {
  checkDelegatedVotes,
  delegatorsToVoteFor,
  describeDelegatedOwnVote,
  recordDelegatedVotes,
} from '../approval/delegation.ts';
import { stepUpForVote } from '../approval/step-up.ts';
import { approvalState, voterStanding } from '../approval-state.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { describeOutcome, describeOwnVote } from '../describe.ts';
import type { Notice } from '../jobs/kinds.ts';
import { outbox } from '../jobs/outbox.ts';
import { loadChange } from '../load.ts';
import { expireIfDue } from './expire-change.ts';

/** Refusals of the actor's own vote that still let their click count for the people they vote for. */
const OWN_VOTE_OPTIONAL = new Set(['not_cab_member', 'duplicate_vote']);

export interface VoteCommand {
  readonly changeId: number;
  /** The version the voter saw on their card. */
  readonly version: number;
  readonly decision: VoteDecision;
  readonly reason: string | null;
  /** The fingerprint hash an approver confirmed in a step-up (high risk); absent for a plain click. */
  readonly confirmedFingerprint?: string | null;
}

export interface VoteCast {
  readonly change: ChangeRecord;
  readonly tally: ApprovalTally;
  readonly decided: 'approved' | 'rejected' | null;
}

/**
 * Casts one CAB vote in one transaction: eligibility and segregation of duties, the vote row, the tally
 * against the change's rule, the approve/reject transition when the rule is met, audit events, and the
 * card refresh and notifications as jobs. A refusal changes nothing and says what already happened.
 */
export function castVote(ctx: AppContext, actor: Actor, cmd: VoteCommand): Result<VoteCast, DomainError> {
  const now = ctx.clock();
  const tz = ctx.policy.defaults.timezone;
  const result = inTransaction(ctx, (): Result<VoteCast, DomainError> => {
    const loaded = loadChange(ctx, cmd.changeId);
    if (!loaded.ok) return loaded;
    const { change, requester } = loaded.value;
    const expired = expireIfDue(ctx, change, now);
    if (expired) return { ok: false, error: expired };
    const votes = ctx.repos.changes.listVotes(change.id);
    const state = approvalState(ctx.policy, change, requester, votes);
    const own = votes.find((v) => v.personId === actor.person.id && v.version === change.version);
    const reason = cmd.reason?.trim() || null;
    const check = checkVote({
      state: change.state,
      currentVersion: change.version,
      votedVersion: cmd.version,
      ...voterStanding(ctx.policy, state.board, requester, actor.person),
      alreadyVoted: own !== undefined,
      decision: cmd.decision,
      reason,
    });
    // Delegation: a delegate's click also votes for the delegators it may vote for (never on their own change).
    const delegators = delegatorsToVoteFor(ctx, actor, change, requester, votes);
    const castOwn = check.ok;
    if (!check.ok && !(delegators.length > 0 && OWN_VOTE_OPTIONAL.has(check.error.code))) {
      const { code } = check.error;
      if (code === 'not_open_for_votes') return fail(code, describeOutcome(change, votes, tz));
      if (code === 'duplicate_vote' && own)
        return fail(code, describeDelegatedOwnVote(ctx, change, own, tz) ?? describeOwnVote(change, own, tz));
      if (code === 'self_approval') {
        // Segregation-of-duties refusals are evidence for auditors: they join the trail (audit health metric).
        auditChange(ctx, actor, 'vote.refused', change, {
          at: now,
          data: { code, decision: cmd.decision, votedVersion: cmd.version },
        });
        return check;
      }
      if (code === 'not_cab_member') {
        const board = state.board?.name ?? 'the change authority';
        return fail(code, `Only members of ${board} can vote on ${formatChangeKey(change.id)}.`);
      }
      return check;
    }
    const delegated = checkDelegatedVotes(change, delegators, { ...cmd, reason });
    if (!delegated.ok) return delegated;
    const stepUp = stepUpForVote(ctx, actor, change, cmd.decision, cmd.confirmedFingerprint ?? null, now);
    if (!stepUp.ok) return stepUp;
    const proxied = recordDelegatedVotes(
      ctx,
      actor,
      change,
      delegators,
      { decision: cmd.decision, reason },
      now,
    );

    if (castOwn)
      ctx.repos.changes.insertVote({
        changeId: change.id,
        personId: actor.person.id,
        version: change.version,
        decision: cmd.decision,
        reason,
        platform: actor.platform,
        at: now,
      });
    if (castOwn) auditChange(ctx, actor, `vote.${cmd.decision}`, change, { at: now, reason });

    // The new vote joins the ones already read in this transaction: no second read on the hot path.
    const cast: VoteRecord = {
      personId: actor.person.id,
      personName: actor.person.name,
      voter: actor.person,
      decision: cmd.decision,
      version: change.version,
      reason,
      platform: actor.platform,
      at: now,
    };
    const after = approvalState(ctx.policy, change, requester, [
      ...votes,
      ...(castOwn ? [cast] : []),
      ...proxied,
    ]);
    const tally = after.tally!;
    let updated = change;
    let decided: VoteCast['decided'] = null;
    if (tally.outcome !== 'pending') {
      const action = tally.outcome === 'approved' ? 'approve' : 'reject';
      const next = transition(change.type, change.state, action);
      if (!next.ok) return next;
      updated = ctx.repos.changes.update(change.id, { state: next.value, decidedAt: now, updatedAt: now });
      decided = tally.outcome;
      auditChange(ctx, actor, `change.${tally.outcome}`, updated, {
        at: now,
        reason,
        data: { approvals: tally.approvals, rejections: tally.rejections, required: tally.required },
      });
    }

    const jobs = outbox(ctx, now);
    jobs.refreshCards(change.id);
    if (decided) {
      const key = formatChangeKey(change.id);
      const notice: Notice = {
        changeId: change.id,
        headline: decided === 'approved' ? `${key} was approved and is scheduled.` : `${key} was rejected.`,
        body: decided === 'rejected' ? `${actor.person.name}: ${reason ?? ''}` : null,
        questionId: null,
      };
      jobs.notify(change.requesterId, notice);
      jobs.threadReply(change.id, `${notice.headline}${notice.body ? `\n${notice.body}` : ''}`);
    }
    return ok({ change: updated, tally, decided });
  });
  recordVote(actor.platform, cmd.decision, result);
  return result;
}
