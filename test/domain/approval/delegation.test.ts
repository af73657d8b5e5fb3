import { describe, expect, it } from 'vitest';
import {
  checkDelegation,
  type Delegation,
  delegatorsFor,
  isActive,
  parsePeriod,
} from '../../../src/domain/approval/delegation.ts';
import { hoursAfter, NOW } from '../fixtures.ts';

const ALAN = 1;
const BEA = 2;
const CARL = 3;
const RITA = 4;

let nextId = 1;
const d = (
  delegatorId: number,
  delegateId: number,
  fromHours = -1,
  toHours = 48,
  endedAtHours?: number,
): Delegation => ({
  id: nextId++,
  delegatorId,
  delegateId,
  startsAt: hoursAfter(NOW, fromHours),
  endsAt: hoursAfter(NOW, toHours),
  endedAt: endedAtHours === undefined ? null : hoursAfter(NOW, endedAtHours),
});

describe('a delegation is in force', () => {
  it.each([
    ['from its start', d(ALAN, BEA, 0, 10), 0, true],
    ['not before its start', d(ALAN, BEA, 1, 10), 0, false],
    ['not at its end', d(ALAN, BEA, -1, 10), 10, false],
    ['until it is ended early', d(ALAN, BEA, -1, 10, 5), 4, true],
    ['not after it is ended early', d(ALAN, BEA, -1, 10, 5), 5, false],
  ] as const)('%s', (_what, delegation, atHours, expected) => {
    expect(isActive(delegation, hoursAfter(NOW, atHours))).toBe(expected);
  });
});

describe('whom a person votes for', () => {
  it('follows chains: Carl votes for Bea and, through her, for Alan', () => {
    expect(delegatorsFor([d(ALAN, BEA), d(BEA, CARL)], CARL, NOW)).toEqual([BEA, ALAN]);
    expect(delegatorsFor([d(ALAN, BEA), d(BEA, CARL)], BEA, NOW)).toEqual([ALAN]);
    expect(delegatorsFor([d(ALAN, BEA), d(BEA, CARL)], ALAN, NOW)).toEqual([]);
  });

  it('never loops, even over a loop in the data', () => {
    expect(delegatorsFor([d(ALAN, BEA), d(BEA, ALAN)], ALAN, NOW)).toEqual([BEA]);
  });

  it('counts only delegations in force', () => {
    expect(delegatorsFor([d(ALAN, BEA, 2, 10)], BEA, NOW)).toEqual([]);
    expect(delegatorsFor([d(ALAN, BEA, -5, 10, -1)], BEA, NOW)).toEqual([]);
  });

  it('gives the requester nobody to vote for, and no chain passes through them', () => {
    expect(delegatorsFor([d(ALAN, RITA)], RITA, NOW, RITA)).toEqual([]);
    expect(delegatorsFor([d(ALAN, RITA), d(RITA, CARL)], CARL, NOW, RITA)).toEqual([]);
    expect(delegatorsFor([d(ALAN, BEA), d(RITA, BEA)], BEA, NOW, RITA)).toEqual([ALAN]);
  });
});

describe('checking a new delegation', () => {
  const base = {
    delegatorId: ALAN,
    delegateId: BEA,
    startsAt: NOW,
    endsAt: hoursAfter(NOW, 24),
    now: NOW,
    delegatorIsMember: true,
    existing: [] as Delegation[],
  };
  const code = (overrides: Partial<typeof base>) => {
    const r = checkDelegation({ ...base, ...overrides });
    return r.ok ? 'ok' : r.error.code;
  };
  it.each([
    ['a member to someone else, for a period to come', {}, 'ok'],
    ['someone with no vote', { delegatorIsMember: false }, 'not_a_member'],
    ['to oneself', { delegateId: ALAN }, 'self_delegation'],
    ['ending in the past', { endsAt: hoursAfter(NOW, -1) }, 'period_over'],
    ['ending before it starts', { startsAt: hoursAfter(NOW, 30) }, 'period_empty'],
    ['overlapping one already given', { existing: [d(ALAN, CARL, 10, 40)] }, 'already_delegated'],
    ['after one already given', { existing: [d(ALAN, CARL, -10, -1)] }, 'ok'],
    ['back to the one who delegated to me', { existing: [d(BEA, ALAN)] }, 'delegation_loop'],
    ['closing a longer loop', { existing: [d(BEA, CARL), d(CARL, ALAN)] }, 'delegation_loop'],
    ['a chain that is no loop', { existing: [d(CARL, ALAN)] }, 'ok'],
    ['to someone whose delegation back does not overlap', { existing: [d(BEA, ALAN, 30, 40)] }, 'ok'],
  ] as const)('%s → %s', (_what, overrides, expected) => {
    expect(code(overrides as Partial<typeof base>)).toBe(expected);
  });
});

describe('reading the period', () => {
  it('reads "until <date>" as until the end of that day in the person’s zone', () => {
    const p = parsePeriod(['until', '2026-03-04'], NOW, 'Europe/Berlin');
    expect(p).toEqual({ ok: true, value: { startsAt: NOW, endsAt: new Date('2026-03-04T23:00:00Z') } });
  });
  it('reads a start and a time, across a DST change', () => {
    const p = parsePeriod(['from', '2026-03-28', 'until', '2026-03-30', '09:00'], NOW, 'Europe/Berlin');
    expect(p).toEqual({
      ok: true,
      value: { startsAt: new Date('2026-03-27T23:00:00Z'), endsAt: new Date('2026-03-30T07:00:00Z') },
    });
  });
  it('says how to write it otherwise', () => {
    const bad = parsePeriod(['till', 'monday'], NOW, 'UTC');
    expect(!bad.ok && bad.error.code).toBe('bad_period');
    const notADate = parsePeriod(['until', '2026-02-30'], NOW, 'UTC');
    expect(!notADate.ok && notADate.error.message).toMatch(/^I could not read that date/);
  });
});
