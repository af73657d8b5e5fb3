import type { ChangeRecord, PersonRecord } from '../domain/change/change.ts';
import { formatChangeKey } from '../domain/change/change-key.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import type { AppContext } from './context.ts';

export interface LoadedChange {
  readonly change: ChangeRecord;
  readonly requester: PersonRecord;
}

/** Loads a change and its requester, or a `not_found` result naming the id. */
export function loadChange(ctx: AppContext, changeId: number): Result<LoadedChange> {
  const change = ctx.repos.changes.get(changeId);
  if (!change) return fail('not_found', `${formatChangeKey(changeId)} does not exist.`);
  const requester = ctx.repos.people.get(change.requesterId);
  if (!requester) return fail('not_found', `The requester of ${formatChangeKey(changeId)} is unknown.`);
  return ok({ change, requester });
}
