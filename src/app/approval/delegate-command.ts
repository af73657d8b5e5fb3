import { createDelegationsRepository } from '../../db/delegations-repo.ts';
import { parsePeriod } from '../../domain/approval/delegation.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import { fail, type Result } from '../../domain/result.ts';
import type { Actor, AppContext } from '../context.ts';
import { delegateVote, describeDelegation, undelegate } from './delegation.ts';

/**
 * `delegate <who> [from …] until …` and `undelegate`, the same on both platforms once the platform has found
 * the delegate (a Slack mention or an e-mail address). Returns the sentence to show the delegator privately.
 */
export function runDelegate(
  ctx: AppContext,
  actor: Actor,
  delegate: PersonRecord | null,
  who: string,
  periodWords: readonly string[],
): Result<string> {
  if (!delegate) {
    return fail(
      'unknown_delegate',
      who === ''
        ? 'Whom to? e.g. "delegate bea@example.com until 2026-12-24".'
        : `I don't know ${who} yet: they appear once they have used Changeboard (or mention them in Slack).`,
    );
  }
  const tz = actor.person.timezone ?? ctx.policy.defaults.timezone;
  const period = parsePeriod(periodWords, ctx.clock(), tz);
  if (!period.ok) return period;
  const created = delegateVote(ctx, actor, { delegate, ...period.value });
  if (!created.ok) return created;
  return { ok: true, value: describeDelegation(ctx, created.value, delegate.name, tz) };
}

export function runUndelegate(ctx: AppContext, actor: Actor): string {
  const ended = undelegate(ctx, actor);
  return ended === 0
    ? 'You have no delegation to end: you vote yourself.'
    : 'Your delegation is ended: you vote yourself again.';
}

/** An e-mail address the person typed, or null. */
export const emailIn = (word: string): string | null =>
  /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(word) ? word.toLowerCase() : null;

/** The person behind a Teams account an @mention names (its 29:… id, or the Entra object id). */
export function personByTeamsAccount(ctx: AppContext, accountId: string): PersonRecord | null {
  const id = createDelegationsRepository(ctx.database).personIdByTeamsAccount(accountId);
  return id === null ? null : ctx.repos.people.get(id);
}
