import { fail, ok, type Result } from '../result.ts';
import { addDays, instantOf, parseLocal } from './zoned-time.ts';

/** A CAB member's vote handed to another person for a period (out of office). */
export interface Delegation {
  readonly id: number;
  readonly delegatorId: number;
  readonly delegateId: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Set when the delegator ends it early (`undelegate`). */
  readonly endedAt: Date | null;
}

/** True while the delegation is in force: from its start, until its end or until it was ended early. */
export const isActive = (d: Delegation, at: Date): boolean =>
  d.startsAt.getTime() <= at.getTime() &&
  at.getTime() < d.endsAt.getTime() &&
  (d.endedAt === null || at.getTime() < d.endedAt.getTime());

/** The moment a delegation stops counting (its end, or when it was ended early). */
const stopOf = (d: Delegation): number =>
  Math.min(d.endsAt.getTime(), d.endedAt?.getTime() ?? Number.POSITIVE_INFINITY);

const overlaps = (d: Delegation, from: Date, to: Date): boolean =>
  d.startsAt.getTime() < to.getTime() && from.getTime() < stopOf(d) && d.startsAt.getTime() < stopOf(d);

/**
 * ITIL change authority with delegation: the people `personId` may vote for at `at`, following chains (Alan
 * to Bea, Bea to Carl: Carl votes for Bea and for Alan). A chain never passes through `blockedId` (the
 * change's requester: a requester is never anyone's delegate on their own change), and never loops.
 */
export function delegatorsFor(
  delegations: readonly Delegation[],
  personId: number,
  at: Date,
  blockedId: number | null = null,
): number[] {
  if (personId === blockedId) return [];
  const active = delegations.filter((d) => isActive(d, at));
  const found: number[] = [];
  const seen = new Set<number>([personId]);
  const queue = [personId];
  while (queue.length > 0) {
    const delegate = queue.shift()!;
    for (const d of active) {
      if (d.delegateId !== delegate || seen.has(d.delegatorId) || d.delegatorId === blockedId) continue;
      seen.add(d.delegatorId);
      found.push(d.delegatorId);
      queue.push(d.delegatorId);
    }
  }
  return found;
}

/** A delegator reached from a delegate, and the delegates in between (Alan → Bea → Carl: Alan via Bea). */
export interface DelegationPath {
  readonly delegatorId: number;
  readonly via: readonly number[];
}

/**
 * ITIL change authority with delegation: everyone `personId` may vote for at `at`, as `delegatorsFor` finds
 * them, each with the chain's intermediate delegates, so a reader can leave out a change whose requester
 * sits on that chain (the chain does not pass through a requester on their own change).
 */
export function delegationPaths(
  delegations: readonly Delegation[],
  personId: number,
  at: Date,
): DelegationPath[] {
  const active = delegations.filter((d) => isActive(d, at));
  const found: DelegationPath[] = [];
  const seen = new Set<number>([personId]);
  const queue: DelegationPath[] = [{ delegatorId: personId, via: [] }];
  while (queue.length > 0) {
    const from = queue.shift()!;
    const via = from.delegatorId === personId ? [] : [...from.via, from.delegatorId];
    for (const d of active) {
      if (d.delegateId !== from.delegatorId || seen.has(d.delegatorId)) continue;
      seen.add(d.delegatorId);
      const path = { delegatorId: d.delegatorId, via };
      found.push(path);
      queue.push(path);
    }
  }
  return found;
}

export interface NewDelegation {
  readonly delegatorId: number;
  readonly delegateId: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly now: Date;
  /** Whether the delegator sits on any board: only CAB members have a vote to hand over. */
  readonly delegatorIsMember: boolean;
  /** Every delegation not yet over (both people's, and any that could close a loop). */
  readonly existing: readonly Delegation[];
}

/** ITIL change authority: checks a new delegation (a member, someone else, a real period, no overlap, no loop). */
export function checkDelegation(input: NewDelegation): Result<void> {
  if (!input.delegatorIsMember)
    return fail('not_a_member', 'Only members of a change board have a vote to delegate.');
  if (input.delegatorId === input.delegateId)
    return fail('self_delegation', 'You cannot delegate your vote to yourself.');
  if (input.endsAt.getTime() <= input.now.getTime())
    return fail('period_over', 'That end is already past: give a date or time still to come.');
  if (input.endsAt.getTime() <= input.startsAt.getTime())
    return fail('period_empty', 'The delegation must end after it starts.');
  const mine = input.existing.filter(
    (d) => d.delegatorId === input.delegatorId && overlaps(d, input.startsAt, input.endsAt),
  );
  if (mine.length > 0)
    return fail(
      'already_delegated',
      'You already delegate your vote for part of that period; end it first with undelegate.',
    );
  // A loop: the new delegate (directly or through others) already hands a vote back to the delegator.
  const overlapping = input.existing.filter((d) => overlaps(d, input.startsAt, input.endsAt));
  const reach = new Set<number>([input.delegatorId]);
  const queue = [input.delegatorId];
  while (queue.length > 0) {
    const delegate = queue.shift()!;
    for (const d of overlapping) {
      if (d.delegateId !== delegate || reach.has(d.delegatorId)) continue;
      reach.add(d.delegatorId);
      queue.push(d.delegatorId);
    }
  }
  if (reach.has(input.delegateId))
    return fail(
      'delegation_loop',
      'That would make a loop: they already delegate their vote to you, directly or through others.',
    );
  return ok(undefined);
}

/**
 * Reads the period of `delegate … [from <date> [<time>]] until <date> [<time>]` in the person's time zone. A
 * date alone means: from the start of that day, or until the end of that day.
 */
export function parsePeriod(
  words: readonly string[],
  now: Date,
  timeZone: string,
): Result<{ startsAt: Date; endsAt: Date }> {
  const text = words.join(' ');
  const m = /^(?:from\s+(\S+(?:\s+\d{1,2}:\d{2})?)\s+)?until\s+(\S+(?:\s+\d{1,2}:\d{2})?)$/i.exec(
    text.trim(),
  );
  const usage = 'Say until when, e.g. "until 2026-12-24" or "from 2026-12-20 until 2026-12-24 18:00".';
  if (!m) return fail('bad_period', usage);
  const read = (raw: string, end: boolean): Date | null => {
    const parsed = parseLocal(raw);
    if (!parsed) return null;
    if (parsed.hasTime || !end) return instantOf(parsed.local, timeZone);
    return instantOf({ ...addDays(parsed.local, 1), hour: 0, minute: 0 }, timeZone);
  };
  const endsAt = read(m[2]!, true);
  const startsAt = m[1] === undefined ? now : read(m[1], false);
  if (!endsAt || !startsAt) return fail('bad_period', `I could not read that date. ${usage}`);
  return ok({ startsAt, endsAt });
}
