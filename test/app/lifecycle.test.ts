import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { expireChange } from '../../src/app/use-cases/expire-change.ts';
import {
  cancelChange,
  completeChange,
  recordReview,
  startImplementation,
} from '../../src/app/use-cases/implementation.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { listAudit } from '../../src/db/audit.ts';
import { makeDraft, makePolicy } from '../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;

beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
});
afterEach(() => h.close());

function raiseApproved() {
  const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  const id = raised.value.change.id;
  const voted = castVote(h.ctx, alice, { changeId: id, version: 1, decision: 'approve', reason: null });
  expect(voted.ok && voted.value.decided).toBe('approved');
  return id;
}

const jobs = () =>
  h.database.sqlite
    .prepare('SELECT kind, dedupe_key AS dedupeKey, run_at AS runAt FROM jobs ORDER BY id')
    .all() as {
    kind: string;
    dedupeKey: string | null;
    runAt: number;
  }[];

describe('raiseChange', () => {
  it('raises a normal change awaiting CAB approval, with post, reminder and expiry jobs', () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    expect(raised.ok && raised.value.change.state).toBe('authorise');
    expect(raised.ok && raised.value.boardName).toBe('Change Advisory Board');
    expect(jobs().map((j) => j.kind)).toEqual(['card.post', 'change.expire', 'change.remind']);
    expect(jobs()[1]?.runAt).toBe(h.clock.now().getTime() + 72 * 3_600_000);
  });

  it('schedules a standard change at once under its model, with no vote and no expiry', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({ type: 'standard', modelId: 'cert-renewal', services: ['web'] }),
    });
    expect(raised.ok && raised.value.change.state).toBe('scheduled');
    expect(jobs().map((j) => j.kind)).toEqual(['card.post']);
  });

  it('sends an emergency change to the emergency CAB', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({ type: 'emergency', plannedStart: h.clock.now() }),
    });
    expect(raised.ok && raised.value.change.boardId).toBe('ecab');
    expect(raised.ok && raised.value.change.state).toBe('authorise');
  });

  it('returns every field error at once and stores nothing', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({ title: '', services: [], plannedEnd: new Date(0) }),
    });
    expect(raised.ok).toBe(false);
    if (raised.ok || !('fieldErrors' in raised.error)) throw new Error('expected field errors');
    expect(Object.keys(raised.error.fieldErrors).sort()).toEqual(['plannedEnd', 'services', 'title']);
    expect(jobs()).toHaveLength(0);
  });

  it('refuses a change whose change authority has nobody to approve it', () => {
    const empty = createAppHarness({
      policy: makePolicy({
        boards: makePolicy().boards.map((b) => ({ ...b, members: [] })),
      }),
    });
    const actor = empty.slackActor('URITA', 'Rita');
    const raised = raiseChange(empty.ctx, actor, { draft: makeDraft() });
    expect(raised).toMatchObject({ ok: false, error: { code: 'no_approvers', field: 'type' } });
    empty.close();
  });
});

describe('implementation and review', () => {
  it('runs an approved change through start, complete and review to closed, audited at each step', () => {
    const id = raiseApproved();
    h.clock.set(new Date(makeDraft().plannedStart.getTime() + 60_000));
    expect(startImplementation(h.ctx, rita, { changeId: id })).toMatchObject({
      ok: true,
      value: { state: 'implement' },
    });
    const done = completeChange(h.ctx, rita, {
      changeId: id,
      outcome: 'successful',
      note: null,
      incidentsCaused: 0,
    });
    expect(done).toMatchObject({ ok: true, value: { state: 'review', outcome: 'successful' } });
    const reviewed = recordReview(h.ctx, rita, {
      changeId: id,
      metGoal: true,
      summary: 'Went fine',
      lessons: '',
    });
    expect(reviewed).toMatchObject({ ok: true, value: { state: 'closed' } });
    expect(listAudit(h.database.db, id).map((e) => e.action)).toEqual([
      'change.raised',
      'vote.approve',
      'change.approved',
      'change.start',
      'change.complete',
      'change.review',
    ]);
  });

  it('refuses to start before the window opens, naming why', () => {
    const id = raiseApproved();
    const early = startImplementation(h.ctx, rita, { changeId: id });
    expect(early).toMatchObject({ ok: false, error: { code: 'too_early' } });
    expect(h.ctx.repos.changes.get(id)?.state).toBe('scheduled');
  });

  it('refuses to start a change that is still awaiting approval, naming state and action', () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    const result = startImplementation(h.ctx, rita, { changeId: raised.value.change.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'illegal_transition' } });
    expect(!result.ok && result.error.message).toContain('Awaiting approval');
  });

  it('lets only the requester or an implementer start a change', () => {
    const id = raiseApproved();
    h.clock.set(makeDraft().plannedStart);
    const stranger = h.slackActor('USTRANGE', 'Stranger');
    expect(startImplementation(h.ctx, stranger, { changeId: id })).toMatchObject({
      ok: false,
      error: { code: 'not_allowed' },
    });
  });

  it('closes a successful standard change without a review', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({ type: 'standard', modelId: 'cert-renewal', services: ['web'] }),
    });
    if (!raised.ok) throw new Error('raise failed');
    h.clock.set(makeDraft().plannedStart);
    const id = raised.value.change.id;
    startImplementation(h.ctx, rita, { changeId: id });
    const done = completeChange(h.ctx, rita, {
      changeId: id,
      outcome: 'successful',
      note: null,
      incidentsCaused: 0,
    });
    expect(done).toMatchObject({ ok: true, value: { state: 'closed' } });
  });

  it('cancels a scheduled change for its requester only', () => {
    const id = raiseApproved();
    expect(cancelChange(h.ctx, alice, { changeId: id, reason: null })).toMatchObject({ ok: false });
    expect(cancelChange(h.ctx, rita, { changeId: id, reason: 'No longer needed' })).toMatchObject({
      ok: true,
      value: { state: 'cancelled' },
    });
  });
});

describe('expiry', () => {
  it('expires an undecided change at its deadline and not before', () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    const id = raised.value.change.id;
    h.clock.advanceMinutes(72 * 60 - 1);
    expect(expireChange(h.ctx, { changeId: id, version: 1 })).toBe('unchanged');
    h.clock.advanceMinutes(1);
    expect(expireChange(h.ctx, { changeId: id, version: 1 })).toBe('expired');
    expect(h.ctx.repos.changes.get(id)?.state).toBe('expired');
    expect(expireChange(h.ctx, { changeId: id, version: 1 })).toBe('unchanged');
  });

  it('leaves a change decided before its deadline alone', () => {
    const id = raiseApproved();
    h.clock.advanceMinutes(80 * 60);
    expect(expireChange(h.ctx, { changeId: id, version: 1 })).toBe('unchanged');
    expect(h.ctx.repos.changes.get(id)?.state).toBe('scheduled');
  });
});
