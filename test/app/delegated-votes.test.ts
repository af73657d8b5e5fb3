import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { delegateVote, undelegate } from '../../src/app/approval/delegation.ts';
import type { Actor } from '../../src/app/context.ts';
import { changeCard, listAwaitingMyVote, pageAwaitingMyVote } from '../../src/app/queries.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { listAudit } from '../../src/db/audit.ts';
import { hoursAfter, MEDIUM_ANSWERS, makeDraft, NOW } from '../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
let carol: Actor;
let bea: Actor;
beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
  carol = h.slackActor('UCAROL', 'Carol', 'carol@example.com');
  bea = h.slackActor('UBEA', 'Bea', 'bea@example.com');
});
afterEach(() => h.close());

/** Medium risk: 2 of the 4 CAB members, no veto. */
function raiseMedium(by: Actor = rita) {
  const raised = raiseChange(h.ctx, by, {
    draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore.' }),
  });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  return raised.value.change;
}
const delegate = (from: Actor, to: Actor, hours = 48) => {
  const r = delegateVote(h.ctx, from, { delegate: to.person, startsAt: NOW, endsAt: hoursAfter(NOW, hours) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const approve = (who: Actor, changeId: number) =>
  castVote(h.ctx, who, { changeId, version: 1, decision: 'approve', reason: null });
const voteRows = () =>
  h.database.sqlite.prepare('SELECT person_id AS personId FROM votes ORDER BY id').all() as {
    personId: number;
  }[];

describe('votes cast by a delegate', () => {
  it('counts a delegate’s approval once, for the delegator, shown as "Bea for Alice"', () => {
    const change = raiseMedium();
    delegate(alice, bea);
    const cast = approve(bea, change.id);
    expect(cast.ok && cast.value.tally.approvals).toBe(1);
    expect(voteRows()).toEqual([{ personId: alice.person.id }]);
    expect(changeCard(h.ctx, change.id, 'cab')?.votes.map((v) => v.name)).toEqual(['Bea for Alice']);
    const audit = listAudit(h.database.db, change.id).find((e) => e.action === 'vote.approve');
    expect(audit).toMatchObject({
      actorName: 'Bea',
      data: { onBehalfOf: alice.person.id, onBehalfOfName: 'Alice' },
    });
  });

  it('lists what awaits a delegated vote for the delegate, until it is cast', () => {
    const change = raiseMedium();
    expect(listAwaitingMyVote(h.ctx, bea.person)).toEqual([]);
    delegate(alice, bea);
    expect(listAwaitingMyVote(h.ctx, bea.person).map((c) => c.id)).toEqual([change.id]);
    approve(bea, change.id);
    expect(listAwaitingMyVote(h.ctx, bea.person)).toEqual([]);
  });

  it('shows the delegate, on App Home and in the lists, the page of what awaits the delegated votes', () => {
    const first = raiseMedium();
    const second = raiseMedium();
    expect(pageAwaitingMyVote(h.ctx, bea.person)).toMatchObject({ items: [], total: 0 });
    delegate(alice, bea);
    const page = pageAwaitingMyVote(h.ctx, bea.person, { offset: 0, limit: 1 });
    expect([page.items.map((c) => c.id), page.total]).toEqual([[first.id], 2]);
    approve(bea, first.id);
    expect(pageAwaitingMyVote(h.ctx, bea.person).items.map((c) => c.id)).toEqual([second.id]);
  });

  it('leaves out a change whose requester sits on the chain of delegation', () => {
    // Alice hands her vote to Carol, Carol hers to Bea: Bea votes for both, except on Carol's own change.
    delegate(alice, carol);
    delegate(carol, bea);
    const ritas = raiseMedium();
    const carols = raiseMedium(carol);
    const ids = pageAwaitingMyVote(h.ctx, bea.person).items.map((c) => c.id);
    expect(ids).toEqual([ritas.id]);
    expect(ids).not.toContain(carols.id);
    expect(approve(bea, carols.id).ok).toBe(false);
  });

  it('never counts the delegator’s own vote and the delegate’s both, whoever votes first', () => {
    const first = raiseMedium();
    delegate(alice, bea);
    expect(approve(bea, first.id).ok).toBe(true);
    const again = approve(alice, first.id);
    expect(!again.ok && again.error).toMatchObject({
      code: 'duplicate_vote',
      message: expect.stringMatching(/^Bea already approved CHG-1 for you on /),
    });

    const second = raiseMedium();
    expect(approve(alice, second.id).ok).toBe(true);
    const late = approve(bea, second.id);
    expect(!late.ok && late.error.code).toBe('not_cab_member');
    expect(voteRows()).toHaveLength(2);
  });

  it('lets a member who is also a delegate vote for themselves and the delegator in one click', () => {
    const change = raiseMedium();
    delegate(alice, carol);
    const cast = approve(carol, change.id);
    expect(cast.ok && cast.value.decided).toBe('approved');
    expect(
      voteRows()
        .map((v) => v.personId)
        .sort(),
    ).toEqual([alice.person.id, carol.person.id].sort());
  });

  it('never lets the requester vote as a delegate on their own change', () => {
    delegate(alice, rita);
    const change = raiseMedium(rita);
    const refused = approve(rita, change.id);
    expect(!refused.ok && refused.error.code).toBe('self_approval');
    expect(voteRows()).toEqual([]);
  });

  it('stops counting once undelegated, and audits both ends', () => {
    const change = raiseMedium();
    delegate(alice, bea);
    expect(undelegate(h.ctx, alice)).toBe(1);
    expect(!approve(bea, change.id).ok).toBe(true);
    const events = h.database.sqlite
      .prepare(
        "SELECT action, change_id AS changeId, actor_name AS actor FROM audit_events WHERE action LIKE 'delegation.%' ORDER BY seq",
      )
      .all();
    expect(events).toEqual([
      { action: 'delegation.created', changeId: null, actor: 'Alice' },
      { action: 'delegation.ended', changeId: null, actor: 'Alice' },
    ]);
  });

  it('refuses a delegation that would loop', () => {
    delegate(alice, carol);
    const loop = delegateVote(h.ctx, carol, {
      delegate: alice.person,
      startsAt: NOW,
      endsAt: hoursAfter(NOW, 5),
    });
    expect(!loop.ok && loop.error.code).toBe('delegation_loop');
  });
});
