import { appendAudit } from '../../db/audit.ts';
import { createDelegationsRepository } from '../../db/delegations-repo.ts';
import {
  checkDelegation,
  type Delegation,
  delegationPaths,
  delegatorsFor,
} from '../../domain/approval/delegation.ts';
import { checkVote, eligibleMembers, isRequester, memberMatches } from '../../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord, VoteRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import type { VoteDecision } from '../../domain/change/types.ts';
import { type DomainError, ok, type Result } from '../../domain/result.ts';
import { boardOf } from '../approval-state.ts';
import { auditChange } from '../audit.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { formatWhen } from '../describe.ts';

const repo = (ctx: AppContext) => createDelegationsRepository(ctx.database);

function auditDelegation(
  ctx: AppContext,
  actor: Actor,
  action: string,
  d: Delegation,
  delegateName: string,
  at: Date,
) {
  appendAudit(ctx.database.db, {
    at,
    changeId: null,
    actorId: actor.person.id,
    actorName: actor.person.name,
    platform: actor.platform,
    action,
    version: null,
    reason: null,
    data: {
      delegationId: d.id,
      delegatorId: d.delegatorId,
      delegateId: d.delegateId,
      delegateName,
      startsAt: d.startsAt.toISOString(),
      endsAt: d.endsAt.toISOString(),
    },
  });
}

const isBoardMember = (ctx: AppContext, person: PersonRecord): boolean =>
  ctx.policy.boards.some((b) => b.members.some((m) => memberMatches(m, person)));

/** `delegate @someone until …`: one transaction, checked by the domain (no loop, no overlap), audited. */
export function delegateVote(
  ctx: AppContext,
  actor: Actor,
  cmd: { delegate: PersonRecord; startsAt: Date; endsAt: Date },
): Result<Delegation, DomainError> {
  const now = ctx.clock();
  return inTransaction(ctx, (): Result<Delegation, DomainError> => {
    const existing = repo(ctx).listCurrent(now);
    const check = checkDelegation({
      delegatorId: actor.person.id,
      delegateId: cmd.delegate.id,
      startsAt: cmd.startsAt,
      endsAt: cmd.endsAt,
      now,
      delegatorIsMember: isBoardMember(ctx, actor.person),
      existing,
    });
    if (!check.ok) return check;
    const created = repo(ctx).insert(
      {
        delegatorId: actor.person.id,
        delegateId: cmd.delegate.id,
        startsAt: cmd.startsAt,
        endsAt: cmd.endsAt,
      },
      now,
    );
    auditDelegation(ctx, actor, 'delegation.created', created, cmd.delegate.name, now);
    return ok(created);
  });
}

/** `undelegate`: ends every delegation of the person's vote now (those in force and those still to come). */
export function undelegate(ctx: AppContext, actor: Actor): number {
  const now = ctx.clock();
  return inTransaction(ctx, () => {
    const mine = repo(ctx)
      .listCurrent(now)
      .filter((d) => d.delegatorId === actor.person.id);
    for (const d of mine) {
      repo(ctx).end(d.id, now);
      const delegate = ctx.repos.people.get(d.delegateId);
      auditDelegation(ctx, actor, 'delegation.ended', { ...d, endedAt: now }, delegate?.name ?? '', now);
    }
    return mine.length;
  });
}

/** A sentence for the delegator: "Bea votes for you from … until …". */
export function describeDelegation(
  ctx: AppContext,
  d: Delegation,
  delegateName: string,
  timeZone: string,
): string {
  const from =
    d.startsAt.getTime() <= ctx.clock().getTime() ? 'from now' : `from ${formatWhen(d.startsAt, timeZone)}`;
  return `${delegateName} votes for you ${from} until ${formatWhen(d.endsAt, timeZone)}. End it early with undelegate.`;
}

/**
 * The people the actor may vote for on this change now: delegators (through chains) who are eligible members
 * of its board and have not voted on this version. Never anyone when the actor raised the change.
 */
export function delegatorsToVoteFor(
  ctx: AppContext,
  actor: Actor,
  change: ChangeRecord,
  requester: PersonRecord,
  votes: readonly VoteRecord[],
): PersonRecord[] {
  // The requester votes for nobody on their own change, whichever of their records clicked.
  if (isRequester(ctx.policy.boards, actor.person, requester)) return [];
  const now = ctx.clock();
  const ids = delegatorsFor(repo(ctx).listCurrent(now), actor.person.id, now, change.requesterId);
  if (ids.length === 0) return [];
  const board = boardOf(ctx.policy, change);
  if (!board) return [];
  const eligible = eligibleMembers(board, requester);
  const voted = new Set(votes.filter((v) => v.version === change.version).map((v) => v.personId));
  return ids
    .filter((id) => !voted.has(id) && id !== change.requesterId)
    .map((id) => ctx.repos.people.get(id))
    .filter(
      (p): p is PersonRecord =>
        p !== null &&
        !isRequester(ctx.policy.boards, p, requester) &&
        eligible.some((m) => memberMatches(m, p)),
    );
}

/** Checks the delegated votes one click casts, before anything is written (a refusal changes nothing). */
export function checkDelegatedVotes(
  change: ChangeRecord,
  delegators: readonly PersonRecord[],
  cmd: { version: number; decision: VoteDecision; reason: string | null },
): Result<void> {
  if (delegators.length === 0) return ok(undefined);
  // The same check holds for every delegator: delegatorsToVoteFor keeps only eligible members who have not
  // voted on this version and are not the requester by any record; what is left is the click's own.
  return checkVote({
    state: change.state,
    currentVersion: change.version,
    votedVersion: cmd.version,
    voterIsRequester: false,
    isMember: true,
    alreadyVoted: false,
    decision: cmd.decision,
    reason: cmd.reason,
  });
}

/** Writes the delegated votes (each counts for its delegator, once), who cast them, and their audit events. */
export function recordDelegatedVotes(
  ctx: AppContext,
  actor: Actor,
  change: ChangeRecord,
  delegators: readonly PersonRecord[],
  cmd: { decision: VoteDecision; reason: string | null },
  now: Date,
): VoteRecord[] {
  return delegators.map((delegator) => {
    ctx.repos.changes.insertVote({
      changeId: change.id,
      personId: delegator.id,
      version: change.version,
      decision: cmd.decision,
      reason: cmd.reason,
      platform: actor.platform,
      at: now,
    });
    repo(ctx).recordProxy({
      changeId: change.id,
      personId: delegator.id,
      version: change.version,
      castById: actor.person.id,
    });
    auditChange(ctx, actor, `vote.${cmd.decision}`, change, {
      at: now,
      reason: cmd.reason,
      data: { onBehalfOf: delegator.id, onBehalfOfName: delegator.name },
    });
    return {
      personId: delegator.id,
      personName: delegator.name,
      voter: {
        email: delegator.email,
        slackUserId: delegator.slackUserId,
        teamsUserId: delegator.teamsUserId,
      },
      decision: cmd.decision,
      version: change.version,
      reason: cmd.reason,
      platform: actor.platform,
      at: now,
    };
  });
}

/** Votes as people read them: a vote a delegate cast shows as "Bea for Alan". */
export function withDelegates(ctx: AppContext, changeId: number, votes: readonly VoteRecord[]): VoteRecord[] {
  const proxies = repo(ctx).proxiesOf(changeId);
  if (proxies.size === 0) return [...votes];
  return votes.map((v) => {
    const by = proxies.get(`${v.personId}:${v.version}`);
    return by ? { ...v, personName: `${by} for ${v.personName}` } : v;
  });
}

/** "Bea already approved CHG-12 for you on …": a delegator's click after their delegate voted for them. */
export function describeDelegatedOwnVote(
  ctx: AppContext,
  change: ChangeRecord,
  own: VoteRecord,
  timeZone: string,
): string | null {
  const by = repo(ctx).proxiesOf(change.id).get(`${own.personId}:${own.version}`);
  if (!by) return null;
  const verb = own.decision === 'approve' ? 'approved' : 'rejected';
  return `${by} already ${verb} ${formatChangeKey(change.id)} for you on ${formatWhen(own.at, timeZone)}.`;
}

/** Whether a person who cannot vote themselves may still vote on the change for someone who delegated to them. */
export function canVoteAsDelegate(
  ctx: AppContext,
  change: ChangeRecord,
  person: PersonRecord,
  votes: readonly VoteRecord[],
): boolean {
  if (change.state !== 'authorise') return false;
  const requester = ctx.repos.people.get(change.requesterId);
  if (!requester) return false;
  return delegatorsToVoteFor(ctx, { person, platform: 'system' }, change, requester, votes).length > 0;
}

/**
 * Who should hear about a vote someone owes: each of them, and the person they delegated their vote to (if
 * that delegate may vote for them on this change), never the change's requester, each person once.
 */
export function withActiveDelegates(
  ctx: AppContext,
  change: ChangeRecord,
  people: readonly PersonRecord[],
): PersonRecord[] {
  const now = ctx.clock();
  const current = repo(ctx).listCurrent(now);
  const out = new Map(people.map((p) => [p.id, p]));
  if (current.length === 0) return [...out.values()];
  for (const person of people) {
    for (const d of current) {
      if (d.delegatorId !== person.id || out.has(d.delegateId) || d.delegateId === change.requesterId)
        continue;
      // Only a delegate who really may vote for this person on this change (chains, requester excluded).
      if (!delegatorsFor(current, d.delegateId, now, change.requesterId).includes(person.id)) continue;
      const delegate = ctx.repos.people.get(d.delegateId);
      if (delegate) out.set(delegate.id, delegate);
    }
  }
  return [...out.values()];
}

/**
 * Who has delegated their vote to this person now (through chains), each with the delegates in between:
 * the extra voters of the person's "waiting for your vote" list. Empty for almost everyone.
 */
export function delegatedVoters(
  ctx: AppContext,
  person: PersonRecord,
): { readonly person: PersonRecord; readonly via: readonly number[] }[] {
  const now = ctx.clock();
  return delegationPaths(repo(ctx).listCurrent(now), person.id, now).flatMap((path) => {
    const delegator = ctx.repos.people.get(path.delegatorId);
    return delegator ? [{ person: delegator, via: path.via }] : [];
  });
}
