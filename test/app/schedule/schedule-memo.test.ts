import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { calendarPage } from '../../../src/app/schedule/calendar.ts';
import { cardSchedule } from '../../../src/app/schedule/card-schedule.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { MEDIUM_ANSWERS, makeDraft } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
let bob: Actor;

beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
  bob = h.teamsActor('teams-bob', 'Bob');
});
afterEach(() => h.close());

function raise(title: string) {
  const raised = raiseChange(h.ctx, rita, {
    draft: makeDraft({
      title,
      services: ['crm'],
      risk: MEDIUM_ANSWERS,
      backoutPlan: 'Restore the snapshot.',
    }),
  });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  return raised.value.change;
}
const generation = () => h.ctx.repos.schedule.generation();
const vote = (actor: Actor, changeId: number) =>
  castVote(h.ctx, actor, { changeId, version: 1, decision: 'approve', reason: null });
const overlapsOf = (id: number) => {
  const change = h.ctx.repos.changes.get(id);
  if (!change) throw new Error(`no change ${id}`);
  return cardSchedule(h.ctx, change)?.overlaps.map((o) => `${o.key} ${o.stateLabel}`) ?? [];
};

describe('views reused while the schedule stands still', () => {
  it('keeps the count across a vote that decides nothing, and moves it on a raise and on a decision', () => {
    const first = raise('Patch the CRM');
    const afterRaise = generation();
    expect(afterRaise).toBeGreaterThan(0);
    expect(vote(alice, first.id).ok).toBe(true);
    expect(generation()).toBe(afterRaise);
    const second = raise('Resize the CRM database');
    expect(generation()).toBeGreaterThan(afterRaise);
    const beforeDecision = generation();
    expect(vote(alice, second.id).ok).toBe(true);
    expect(vote(bob, second.id).ok).toBe(true);
    expect(h.ctx.repos.changes.get(second.id)?.state).toBe('scheduled');
    expect(generation()).toBeGreaterThan(beforeDecision);
  });

  it("shows a card's overlaps as they are now: a new overlapping change and another's decision", () => {
    const first = raise('Patch the CRM');
    expect(overlapsOf(first.id)).toEqual([]);
    // Read again with nothing changed: the same answer (from the memo).
    expect(overlapsOf(first.id)).toEqual([]);
    const second = raise('Resize the CRM database');
    expect(overlapsOf(first.id)).toEqual([`CHG-${second.id} Awaiting approval`]);
    vote(alice, second.id);
    vote(bob, second.id);
    expect(overlapsOf(first.id)).toEqual([`CHG-${second.id} Scheduled`]);
  });

  it('computes afresh inside a transaction, whose writes may still roll back', () => {
    const first = raise('Patch the CRM');
    expect(overlapsOf(first.id)).toEqual([]);
    const inside = h.database.sqlite.transaction(() => {
      const second = raise('Resize the CRM database');
      return { second, overlaps: overlapsOf(first.id) };
    });
    try {
      h.database.sqlite
        .transaction(() => {
          const { overlaps } = inside();
          expect(overlaps).toHaveLength(1);
          throw new Error('roll back');
        })
        .immediate();
    } catch {
      // rolled back on purpose
    }
    expect(overlapsOf(first.id)).toEqual([]);
  });

  it("reuses App Home's calendar within the minute, and not after a raise", () => {
    const before = calendarPage(h.ctx, { days: 7, page: 1, timeZone: 'Europe/Paris' });
    expect(calendarPage(h.ctx, { days: 7, page: 1, timeZone: 'Europe/Paris' })).toBe(before);
    raise('Patch the CRM');
    const after = calendarPage(h.ctx, { days: 7, page: 1, timeZone: 'Europe/Paris' });
    expect(after).not.toBe(before);
    expect(after.view.itemCount).toBe(before.view.itemCount + 1);
  });
});
