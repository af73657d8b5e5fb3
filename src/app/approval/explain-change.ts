import { createDelegationsRepository } from '../../db/delegations-repo.ts';
import { isActive } from '../../domain/approval/delegation.ts';
import { type ExplanationView, explainChange } from '../../domain/approval/explain.ts';
import { memberMatches } from '../../domain/change/approval.ts';
import type { MemberRef } from '../../domain/policy/types.ts';
import type { AppContext } from '../context.ts';
import { scheduleFactsFor } from './schedule-facts.ts';

/** `explain CHG-n`: the neutral explanation of a change, from what is stored now; null when it does not exist. */
export function explainStoredChange(ctx: AppContext, changeId: number): ExplanationView | null {
  const change = ctx.repos.changes.get(changeId);
  if (!change) return null;
  const requester = ctx.repos.people.get(change.requesterId);
  if (!requester) return null;
  return explainChange({
    change,
    policy: ctx.policy,
    requester,
    votes: ctx.repos.changes.listVotes(change.id),
    scheduleFacts: scheduleFactsFor(ctx, change.id),
    delegatesOf: delegatesNow(ctx),
  });
}

/** For each member, the names of whoever their vote is delegated to right now. */
function delegatesNow(ctx: AppContext): (member: MemberRef) => readonly string[] {
  const now = ctx.clock();
  const active = createDelegationsRepository(ctx.database)
    .listCurrent(now)
    .filter((d) => isActive(d, now))
    .map((d) => ({
      delegator: ctx.repos.people.get(d.delegatorId),
      delegate: ctx.repos.people.get(d.delegateId),
    }));
  return (member) =>
    active
      .filter((a) => a.delegator && a.delegate && memberMatches(member, a.delegator))
      .map((a) => a.delegate!.name);
}
