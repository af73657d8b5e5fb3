import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { delegateVote } from '../../src/app/approval/delegation.ts';
import { closeObjectionWindow, objectToChange } from '../../src/app/approval/objection-window.ts';
import { type AppContext, createAppContext, resolveActor } from '../../src/app/context.ts';
import { createJobHandlers } from '../../src/app/jobs/handlers.ts';
import type { ChatSurface } from '../../src/app/ports.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { editChange } from '../../src/app/use-cases/edit-change.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import type { Policy } from '../../src/domain/policy/types.ts';
import { createWorker, type Worker } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { MEDIUM_ANSWERS, makeDraft, NOW } from '../domain/fixtures.ts';
import { timedPolicy } from '../helpers/timed-policy.ts';
import { testClock } from './harness.ts';

/** Records direct messages: the only thing these tests look at. */
function notifySurface() {
  const notified: { to: string; headline: string }[] = [];
  const surface: ChatSurface = {
    platform: 'slack',
    channelsOf: () => [],
    canReach: (p) => p.slackUserId !== null,
    postCard: async (channel) => ({ channel, messageId: 'm' }),
    sendCardToPerson: async () => ({ channel: 'd', messageId: 'm' }),
    updateCard: async () => {},
    replyInThread: async () => {},
    notifyPerson: async (person, notice) => {
      notified.push({ to: person.name, headline: notice.headline });
    },
  };
  return { surface, notified };
}

interface Process {
  readonly ctx: AppContext;
  readonly worker: Worker;
  readonly notified: { to: string; headline: string }[];
  stop(): Promise<void>;
}

const clock = testClock();
const open: Process[] = [];

/** One Changeboard process over a database file: its own connection, context and worker. */
function startProcess(database: Database, policy: Policy): Process {
  const ctx = createAppContext({ database, policy, clock: clock.now });
  const { surface, notified } = notifySurface();
  const worker = createWorker({
    database,
    handlers: createJobHandlers(ctx, [surface], silentLogger),
    clock: clock.now,
    log: silentLogger,
  });
  const p = { ctx, worker, notified, stop: () => worker.stop() };
  open.push(p);
  return p;
}

afterEach(async () => {
  for (const p of open.splice(0)) await p.stop();
  clock.set(NOW);
});

const approvedEvents = (ctx: AppContext, id: number) =>
  ctx.database.sqlite
    .prepare("SELECT data FROM audit_events WHERE change_id = ? AND action = 'change.approved'")
    .all(id) as { data: string }[];

describe('an objection window', () => {
  it('approves the change at its deadline, in working hours, once across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cb-objection-')), 'db.sqlite');
    const first = startProcess(openDatabase(file), timedPolicy());
    const rita = resolveActor(first.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    // Monday 2 March 10:00 Berlin: 4 working hours end at 14:00 Berlin (13:00 UTC).
    const raised = raiseChange(first.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    const id = raised.value.change.id;
    const window = first.ctx.database.sqlite
      .prepare('SELECT deadline FROM objection_windows WHERE change_id = ?')
      .get(id) as { deadline: number };
    expect(new Date(window.deadline).toISOString()).toBe('2026-03-02T13:00:00.000Z');
    await first.worker.drain();
    clock.set(new Date('2026-03-02T12:59:00Z'));
    await first.worker.drain();
    expect(first.ctx.repos.changes.get(id)?.state).toBe('authorise');

    // The process stops before the deadline and a new one starts after it, over the same file.
    await first.stop();
    first.ctx.database.close();
    clock.set(new Date('2026-03-02T18:00:00Z'));
    const second = startProcess(openDatabase(file), timedPolicy());
    await second.worker.drain();
    expect(second.ctx.repos.changes.get(id)?.state).toBe('scheduled');
    expect(second.notified).toContainEqual({
      to: 'Rita',
      headline: `CHG-${id} was approved by the policy: nobody objected by 2 Mar 2026, 14:00 CET.`,
    });
    // The deadline running again (a duplicate delivery) decides nothing a second time.
    expect(closeObjectionWindow(second.ctx, { changeId: id, version: 1 })).toBe('moot');
    expect(approvedEvents(second.ctx, id).map((e) => JSON.parse(e.data))).toEqual([
      { by: 'objection_window', deadline: '2026-03-02T13:00:00.000Z' },
    ]);
    second.ctx.database.close();
  });

  it('is stopped by an objection before the deadline; one after it is refused', async () => {
    const p = startProcess(openDatabase(':memory:'), timedPolicy());
    const rita = resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    const alice = resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UALICE',
      name: 'Alice',
      email: 'alice@example.com',
    });
    const first = raiseChange(p.ctx, rita, { draft: makeDraft() });
    const second = raiseChange(p.ctx, rita, { draft: makeDraft() });
    if (!first.ok || !second.ok) throw new Error('not raised');
    clock.set(new Date('2026-03-02T11:00:00Z'));
    expect(
      objectToChange(p.ctx, alice, {
        changeId: first.value.change.id,
        version: 1,
        reason: 'Clashes with the audit.',
      }).ok,
    ).toBe(true);
    clock.set(new Date('2026-03-02T13:00:00Z'));
    const late = objectToChange(p.ctx, alice, {
      changeId: second.value.change.id,
      version: 1,
      reason: 'Too late?',
    });
    expect(!late.ok && late.error.code).toBe('window_closed');
    await p.worker.drain();
    expect(p.ctx.repos.changes.get(first.value.change.id)?.state).toBe('authorise');
    expect(p.ctx.repos.changes.get(second.value.change.id)?.state).toBe('scheduled');
    p.ctx.database.close();
  });
});

/** A Slack user of this process, known by name (name@example.com) and time zone. */
const slackPerson = (p: Process) => (slackUserId: string, name: string, timezone: string) =>
  resolveActor(p.ctx, {
    platform: 'slack',
    slackUserId,
    name,
    email: `${name.toLowerCase()}@example.com`,
    timezone,
  });

describe('reminders in working hours', () => {
  it('holds a reminder due at night until each approver’s morning, in their own time zone', async () => {
    // Reminders come 17 hours after submission: Tuesday 02:00 UTC, 03:00 in Berlin.
    const p = startProcess(openDatabase(':memory:'), timedPolicy({ reminderHours: 17 }));
    const who = slackPerson(p);
    const rita = who('UREQ', 'Rita', 'America/New_York');
    who('UALICE', 'Alice', 'Europe/Berlin');
    who('UCAROL', 'Carol', 'Europe/Lisbon');
    const raised = raiseChange(p.ctx, rita, {
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore.' }),
    });
    if (!raised.ok) throw new Error('not raised');
    await p.worker.drain();
    const reminders = () => p.notified.filter((n) => n.headline.startsWith('Reminder')).map((n) => n.to);

    clock.set(new Date('2026-03-03T02:00:00Z'));
    await p.worker.drain();
    expect(reminders()).toEqual([]);
    clock.set(new Date('2026-03-03T08:00:00Z')); // 09:00 in Berlin, 08:00 in Lisbon
    await p.worker.drain();
    expect(reminders()).toEqual(['Alice']);
    clock.set(new Date('2026-03-03T09:00:00Z')); // 09:00 in Lisbon
    await p.worker.drain();
    expect(reminders()).toEqual(['Alice', 'Carol']);
    p.ctx.database.close();
  });

  it('drops a reminder held for the morning when the approver votes before it goes out', async () => {
    const p = startProcess(openDatabase(':memory:'), timedPolicy({ reminderHours: 17 }));
    const who = slackPerson(p);
    const rita = who('UREQ', 'Rita', 'America/New_York');
    who('UALICE', 'Alice', 'Europe/Berlin');
    const carol = who('UCAROL', 'Carol', 'Europe/Lisbon');
    const raised = raiseChange(p.ctx, rita, {
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore.' }),
    });
    if (!raised.ok) throw new Error('not raised');
    const id = raised.value.change.id;
    await p.worker.drain();
    clock.set(new Date('2026-03-03T02:00:00Z')); // the reminder runs; Carol's waits for 09:00 in Lisbon
    await p.worker.drain();
    clock.set(new Date('2026-03-03T08:30:00Z'));
    expect(castVote(p.ctx, carol, { changeId: id, version: 1, decision: 'approve', reason: null }).ok).toBe(
      true,
    );
    clock.set(new Date('2026-03-03T09:00:00Z'));
    await p.worker.drain();
    expect(p.notified.filter((n) => n.headline.startsWith('Reminder')).map((n) => n.to)).toEqual(['Alice']);
    p.ctx.database.close();
  });

  it('reminds the approvers of an edited change again, for the version they now vote on', () => {
    const p = startProcess(openDatabase(':memory:'), timedPolicy({ reminderHours: 17 }));
    const rita = resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    const raised = raiseChange(p.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('not raised');
    const id = raised.value.change.id;
    const edited = editChange(p.ctx, rita, {
      changeId: id,
      expectedVersion: 1,
      draft: makeDraft({ title: 'Upgrade the wiki to 2.5' }),
    });
    expect(edited.ok && edited.value.state).toBe('authorise');
    const keys = p.ctx.database.sqlite
      .prepare("SELECT dedupe_key AS key FROM jobs WHERE kind = 'change.remind' ORDER BY id")
      .all() as { key: string }[];
    expect(keys.map((k) => k.key)).toEqual([`change.remind:${id}:1`, `change.remind:${id}:2`]);
    p.ctx.database.close();
  });

  it('reminds the delegate of an approver who is away, in the delegate’s working hours', async () => {
    const p = startProcess(openDatabase(':memory:'), timedPolicy({ reminderHours: 17 }));
    const who = slackPerson(p);
    const rita = who('UREQ', 'Rita', 'America/New_York');
    const alice = who('UALICE', 'Alice', 'Europe/Berlin');
    const bea = who('UBEA', 'Bea', 'America/New_York');
    const delegated = delegateVote(p.ctx, alice, {
      delegate: bea.person,
      startsAt: NOW,
      endsAt: new Date('2026-03-09T00:00:00Z'),
    });
    expect(delegated.ok).toBe(true);
    const raised = raiseChange(p.ctx, rita, {
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore.' }),
    });
    if (!raised.ok) throw new Error('not raised');
    await p.worker.drain();
    const reminders = () => p.notified.filter((n) => n.headline.startsWith('Reminder')).map((n) => n.to);
    clock.set(new Date('2026-03-03T08:00:00Z'));
    await p.worker.drain();
    expect(reminders()).toEqual(['Alice']);
    clock.set(new Date('2026-03-03T14:00:00Z')); // 09:00 in New York
    await p.worker.drain();
    expect(reminders()).toEqual(['Alice', 'Bea']);
    p.ctx.database.close();
  });

  it('does not hold reminders of an emergency change', async () => {
    const policy = timedPolicy({ reminderHours: 17 });
    const cabHours = policy.boards.find((b) => b.id === 'cab')?.workingHours;
    const withEcabHours = { ...policy, boards: policy.boards.map((b) => ({ ...b, workingHours: cabHours })) };
    const p = startProcess(openDatabase(':memory:'), withEcabHours);
    const rita = resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UERIN',
      name: 'Erin',
      email: 'erin@example.com',
      timezone: 'Europe/Berlin',
    });
    const raised = raiseChange(p.ctx, rita, { draft: makeDraft({ type: 'emergency' }) });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    await p.worker.drain();
    clock.set(new Date('2026-03-03T02:00:00Z'));
    await p.worker.drain();
    expect(p.notified.filter((n) => n.headline.startsWith('Reminder')).map((n) => n.to)).toEqual(['Erin']);
    p.ctx.database.close();
  });

  it('counts expiry in working hours when the policy says so', () => {
    const p = startProcess(
      openDatabase(':memory:'),
      timedPolicy({ expiryInWorkingHours: true, expiryHours: 16 }),
    );
    const rita = resolveActor(p.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    const raised = raiseChange(p.ctx, rita, {
      draft: makeDraft({ services: ['crm'], risk: MEDIUM_ANSWERS, backoutPlan: 'Restore.' }),
    });
    if (!raised.ok) throw new Error('not raised');
    // Monday 10:00 Berlin + 16 working hours: 7 on Monday, 8 on Tuesday, Wednesday is a holiday, 1 on Thursday.
    expect(raised.value.change.expiresAt?.toISOString()).toBe('2026-03-05T09:00:00.000Z');
    p.ctx.database.close();
  });
});
