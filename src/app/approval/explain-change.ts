import { type ExplanationView, explainChange } from '../../domain/approval/explain.ts';
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
  });
}
