import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { createRelease } from '../../../src/app/release/create-release.ts';
import { includeOwnChange } from '../../../src/app/release/include-own-change.ts';
import {
  addChange,
  cancelRelease,
  completeRelease,
  markReady,
  moveWindow,
  recordExposure,
  removeChange,
  skipRelease,
  startRelease,
  tickChecklist,
} from '../../../src/app/release/manage-release.ts';
import { planTrains } from '../../../src/app/release/plan-trains.ts';
import { releaseCard } from '../../../src/app/release/release-queries.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { editChange } from '../../../src/app/use-cases/edit-change.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { verifyAuditChain } from '../../../src/db/audit.ts';
import { draftOfChange } from '../../../src/domain/change/change.ts';
import { makeDraft } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { releasePolicy } from './release-fixture.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
let oscar: Actor;

beforeEach(() => {
  h = createAppHarness({ policy: releasePolicy() });
  syncPolicyPeople(h.ctx);
  rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
  oscar = h.slackActor('UOUT', 'Oscar', 'oscar@example.com');
});
afterEach(() => h.close());

const auditActions = () =>
  (
    h.database.sqlite.prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]
  ).map((e) => e.action);

const jobs = (kind: string) =>
  h.database.sqlite
    .prepare(
      'SELECT dedupe_key AS key, run_at AS runAt, payload FROM jobs WHERE kind = ? ORDER BY run_at, id',
    )
    .all(kind) as { key: string; runAt: number; payload: string }[];

function raise(title = 'Upgrade the wiki to 2.4') {
  const raised = raiseChange(h.ctx, rita, { draft: makeDraft({ title }) });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  return raised.value.change.id;
}
const approve = (id: number) =>
  castVote(h.ctx, alice, { changeId: id, version: 1, decision: 'approve', reason: null });

describe('a release train', () => {
  it('creates its instances ahead of time, in its time zone, with managers in rotation and reminders as rows', () => {
    expect(planTrains(h.ctx)).toBe(2);
    const rows = h.database.sqlite
      .prepare(
        'SELECT id, name, state, planned_start AS start, manager_id AS manager FROM releases ORDER BY id',
      )
      .all() as { id: number; name: string; state: string; start: number; manager: number }[];
    expect(rows.map((r) => [r.name, r.state, new Date(r.start).toISOString()])).toEqual([
      ['Weekly web release 3 Mar 2026', 'planned', '2026-03-03T09:00:00.000Z'],
      ['Weekly web release 10 Mar 2026', 'planned', '2026-03-10T09:00:00.000Z'],
    ]);
    const managers = rows.map((r) => h.ctx.repos.people.get(r.manager)?.name);
    expect(managers).toEqual(['Rita', 'Ivan']);
    // T-24h of the first is now, so it is past; T-24h of the second and every later one are rows.
    expect(jobs('release.remind').map((j) => j.key)).toEqual([
      'release.remind:1:1:cutoff:120',
      'release.remind:1:1:before:60',
      'release.remind:1:1:before:15',
      'release.remind:1:1:overdue:60',
      'release.remind:2:1:before:1440',
      'release.remind:2:1:cutoff:120',
      'release.remind:2:1:before:60',
      'release.remind:2:1:before:15',
      'release.remind:2:1:overdue:60',
    ]);
    // The next planning run comes when 17 March falls within 14 days.
    expect(jobs('release.plan').map((j) => new Date(j.runAt).toISOString())).toEqual([
      '2026-03-03T09:00:00.000Z',
    ]);
    expect(planTrains(h.ctx)).toBe(0);
    h.clock.set(new Date('2026-03-03T09:00:00Z'));
    expect(planTrains(h.ctx)).toBe(1);
  });

  it('plans a one-off release by hand, refusing outsiders and bad input with field errors', () => {
    const start = new Date('2026-03-05T14:00:00Z');
    expect(createRelease(h.ctx, oscar, { modelId: 'hotfix', name: 'Fix', start, minutes: 30 })).toMatchObject(
      {
        ok: false,
        error: { code: 'not_allowed' },
      },
    );
    expect(createRelease(h.ctx, rita, { modelId: 'nope', name: '', start, minutes: null })).toMatchObject({
      ok: false,
      error: { field: 'model' },
    });
    expect(
      createRelease(h.ctx, rita, { modelId: 'hotfix', name: '', start: new Date(0), minutes: null }),
    ).toMatchObject({
      ok: false,
      error: { field: 'start' },
    });
    const made = createRelease(h.ctx, rita, {
      modelId: 'hotfix',
      name: 'Payment fix 1.2.1',
      start,
      minutes: 30,
    });
    expect(made.ok && [made.value.name, made.value.plannedEnd.toISOString()]).toEqual([
      'Payment fix 1.2.1',
      '2026-03-05T14:30:00.000Z',
    ]);
  });
});

describe('running a release', () => {
  let releaseId: number;
  beforeEach(() => {
    planTrains(h.ctx);
    releaseId = 1;
  });

  it('sends a Ready release back to planning when an unapproved change joins it, or an edit reopens one', () => {
    const stateOf = () => h.ctx.repos.releases.get(releaseId)!.state;
    expect(markReady(h.ctx, rita, { releaseId }).ok).toBe(true);
    // The requester puts a change still awaiting approval on the release from the change form.
    const fresh = raise('Rotate the wiki keys');
    expect(includeOwnChange(h.ctx, rita, { releaseId, changeId: fresh }).ok).toBe(true);
    expect(stateOf()).toBe('planned');
    approve(fresh);
    expect(markReady(h.ctx, rita, { releaseId }).ok).toBe(true);
    // An edit of the approved change reopens its approval: the release is no longer ready either.
    const change = h.ctx.repos.changes.get(fresh)!;
    const edited = editChange(h.ctx, rita, {
      changeId: fresh,
      expectedVersion: change.version,
      draft: { ...draftOfChange(change), title: 'Rotate the wiki keys and secrets' },
    });
    expect(edited.ok && edited.value.state).toBe('authorise');
    expect(stateOf()).toBe('planned');
    expect(auditActions().filter((a) => a === 'release.unready')).toHaveLength(2);
  });

  it('refuses to start while an included change is unapproved, then runs to completed once it is', () => {
    const id = raise();
    expect(addChange(h.ctx, rita, { releaseId, changeId: id }).ok).toBe(true);
    expect(addChange(h.ctx, rita, { releaseId, changeId: id })).toMatchObject({
      error: { code: 'already_included' },
    });
    expect(releaseCard(h.ctx, releaseId)?.changes).toEqual([
      expect.objectContaining({ key: 'CHG-1', approved: false, waitingOn: ['Alice', 'Bob', 'Carol'] }),
    ]);
    expect(startRelease(h.ctx, rita, { releaseId })).toEqual({
      ok: false,
      error: {
        code: 'changes_not_approved',
        message:
          'REL-1 cannot start: CHG-1 is not approved yet. Get it approved, or drop it from the release.',
      },
    });
    expect(markReady(h.ctx, rita, { releaseId })).toMatchObject({ error: { code: 'changes_not_approved' } });
    approve(id);
    expect(releaseCard(h.ctx, releaseId)?.componentsVerified).toBe(true);
    expect(markReady(h.ctx, rita, { releaseId })).toMatchObject({ ok: true, value: { state: 'ready' } });
    expect(tickChecklist(h.ctx, rita, { releaseId, index: 3, done: true }).ok).toBe(true);
    expect(tickChecklist(h.ctx, rita, { releaseId, index: 3, done: true })).toMatchObject({
      error: { message: '"Verify the release procedures" is already ticked by Rita.' },
    });
    expect(tickChecklist(h.ctx, rita, { releaseId, index: 2, done: true })).toMatchObject({
      error: { code: 'computed_step' },
    });
    expect(startRelease(h.ctx, rita, { releaseId })).toMatchObject({
      ok: true,
      value: { state: 'in_progress' },
    });
    expect(recordExposure(h.ctx, rita, { releaseId, step: 'feature flag on for 10 %' }).ok).toBe(true);
    const done = completeRelease(h.ctx, rita, {
      releaseId,
      outcome: 'partially_successful',
      notes: 'Search lagged.',
    });
    expect(done).toMatchObject({ ok: true, value: { state: 'completed', outcome: 'partially_successful' } });
    expect(startRelease(h.ctx, rita, { releaseId })).toMatchObject({
      error: {
        message:
          "REL-1: Cannot start a release in state 'Completed': only releases in state 'Planned' or 'Ready' can.",
      },
    });
    const actions = auditActions().filter((a) => a.startsWith('release.'));
    expect(actions).toEqual([
      'release.planned',
      'release.planned',
      'release.change.add',
      'release.ready',
      'release.checklist.tick',
      'release.start',
      'release.exposure',
      'release.complete',
    ]);
    expect(verifyAuditChain(h.database.db).ok).toBe(true);
    expect(jobs('release.remind').filter((j) => j.key === 'release.review:1')).toHaveLength(1);
  });

  it('lets the release manager drop an unapproved change instead, and refuses outsiders privately', () => {
    const id = raise();
    addChange(h.ctx, rita, { releaseId, changeId: id });
    const before = auditActions().length;
    expect(removeChange(h.ctx, oscar, { releaseId, changeId: id })).toMatchObject({
      error: { code: 'not_allowed' },
    });
    expect(startRelease(h.ctx, oscar, { releaseId })).toMatchObject({ error: { code: 'not_allowed' } });
    expect(auditActions()).toHaveLength(before);
    expect(removeChange(h.ctx, rita, { releaseId, changeId: id }).ok).toBe(true);
    expect(startRelease(h.ctx, rita, { releaseId }).ok).toBe(true);
  });

  it('lets a change manager with the final say manage a release they are not manager of', () => {
    const dave = h.slackActor('UDAVE', 'Dave', 'dave@example.com');
    expect(skipRelease(h.ctx, dave, { releaseId: 2, reason: 'code freeze' })).toMatchObject({
      ok: true,
      value: { state: 'skipped' },
    });
    expect(jobs('release.announce')).toHaveLength(1);
  });

  it('frees the changes of a cancelled release for another one', () => {
    const id = raise();
    addChange(h.ctx, rita, { releaseId, changeId: id });
    expect(addChange(h.ctx, rita, { releaseId: 2, changeId: id })).toMatchObject({
      error: { message: 'CHG-1 is already in REL-1; remove it there first.' },
    });
    expect(cancelRelease(h.ctx, rita, { releaseId, reason: 'supplier delay' }).ok).toBe(true);
    expect(
      addChange(h.ctx, h.slackActor('UIVAN', 'Ivan', 'ivan@example.com'), { releaseId: 2, changeId: id }).ok,
    ).toBe(true);
  });

  it('moves the window to a new generation with fresh reminders', () => {
    const moved = moveWindow(h.ctx, rita, { releaseId, start: new Date('2026-03-04T09:00:00Z'), end: null });
    expect(moved).toMatchObject({ ok: true, value: { generation: 2 } });
    expect(moved.ok && moved.value.plannedEnd.toISOString()).toBe('2026-03-04T11:00:00.000Z');
    const keys = jobs('release.remind')
      .map((j) => j.key)
      .filter((k) => k.startsWith('release.remind:1:2:'));
    expect(keys).toEqual([
      'release.remind:1:2:before:1440',
      'release.remind:1:2:cutoff:120',
      'release.remind:1:2:before:60',
      'release.remind:1:2:before:15',
      'release.remind:1:2:overdue:60',
    ]);
  });
});
