import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext, resolveActor } from '../../../src/app/context.ts';
import { moveWindow } from '../../../src/app/release/manage-release.ts';
import { planTrains } from '../../../src/app/release/plan-trains.ts';
import { createReleaseJobHandlers } from '../../../src/app/release/release-handlers.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { type Database, openDatabase } from '../../../src/db/client.ts';
import { claimDue } from '../../../src/jobs/queue.ts';
import { createWorker, type Worker } from '../../../src/jobs/worker.ts';
import { silentLogger } from '../../../src/log.ts';
import { NOW } from '../../domain/fixtures.ts';
import { manualClock } from '../../jobs/manual-clock.ts';
import { recordingSurface, releasePolicy, type Sent } from './release-fixture.ts';

/** One run of the process over the same database file: its own connection, worker and surface. */
interface Process {
  readonly ctx: AppContext;
  readonly database: Database;
  readonly worker: Worker;
  readonly sent: Sent[];
  stop(): Promise<void>;
}

let dir: string;
let path: string;
const clock = manualClock(NOW);
const running: Process[] = [];

function boot(): Process {
  const database = openDatabase(path);
  const ctx = createAppContext({ database, policy: releasePolicy(), clock });
  syncPolicyPeople(ctx);
  const recorder = recordingSurface('slack');
  const handlers = createReleaseJobHandlers(ctx, [recorder.surface], silentLogger);
  const worker = createWorker({ database, handlers, clock, log: silentLogger, leaseMs: 120_000 });
  planTrains(ctx);
  const process: Process = {
    ctx,
    database,
    worker,
    sent: recorder.sent,
    async stop() {
      await worker.stop();
      database.close();
      running.splice(running.indexOf(process), 1);
    },
  };
  running.push(process);
  return process;
}

/** Kills the process: no graceful stop, whatever it had claimed stays claimed. */
function kill(p: Process): void {
  p.database.close();
  running.splice(running.indexOf(p), 1);
}

const reminders = (sent: readonly Sent[], release = 1) =>
  sent
    .filter(
      (s) => s.message.releaseId === release && ['reminder', 'cutoff', 'overdue'].includes(s.message.kind),
    )
    .map((s) => `${s.to} ${s.message.headline.split(':')[0]}${s.message.late ? ' (late)' : ''}`);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-release-'));
  path = join(dir, 'changeboard.db');
  clock.set(NOW);
});
afterEach(async () => {
  for (const p of [...running]) await p.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('release reminders across restarts', () => {
  it('sends a reminder claimed by a process killed before sending exactly once, after the restart', async () => {
    const first = boot();
    await first.worker.drain();
    clock.set(new Date('2026-03-03T07:00:00Z'));
    await first.worker.drain();
    expect(reminders(first.sent)).toEqual(['CREL Cut-off', 'dm:Rita Cut-off']);

    clock.set(new Date('2026-03-03T08:00:00Z'));
    const claimed = claimDue(first.database.db, clock(), { leaseMs: 120_000, limit: 10 });
    expect(claimed.map((j) => j.kind)).toEqual(['release.remind']);
    kill(first);

    const second = boot();
    await second.worker.drain();
    expect(reminders(second.sent)).toEqual([]); // its lease has not run out: the claim might still be alive
    clock.advance(121_000);
    await second.worker.drain();
    await second.worker.drain();
    expect(reminders(second.sent)).toEqual(['CREL Reminder (T-1h) (late)', 'dm:Rita Reminder (T-1h) (late)']);
    await second.stop();

    const third = boot();
    await third.worker.drain();
    expect(reminders(third.sent)).toEqual([]);
  });

  it('sends what came due while the process was down once at boot, marked late', async () => {
    const first = boot();
    await first.worker.drain();
    await first.stop();

    clock.set(new Date('2026-03-03T08:10:00Z'));
    const second = boot();
    await second.worker.drain();
    expect(reminders(second.sent)).toEqual([
      'CREL Cut-off (late)',
      'dm:Rita Cut-off (late)',
      'CREL Reminder (T-1h) (late)',
      'dm:Rita Reminder (T-1h) (late)',
    ]);
    await second.worker.drain();
    await second.stop();
    const third = boot();
    await third.worker.drain();
    expect(reminders(third.sent)).toEqual([]);
  });

  it('fires only the new reminders of a moved window', async () => {
    const p = boot();
    await p.worker.drain();
    const rita = resolveActor(p.ctx, { platform: 'slack', slackUserId: 'UREQ', name: 'Rita', email: null });
    const moved = moveWindow(p.ctx, rita, {
      releaseId: 1,
      start: new Date('2026-03-04T09:00:00Z'),
      end: null,
    });
    expect(moved.ok).toBe(true);
    for (const at of ['2026-03-03T07:00:00Z', '2026-03-03T08:00:00Z', '2026-03-03T08:45:00Z']) {
      clock.set(new Date(at));
      await p.worker.drain();
    }
    expect(reminders(p.sent)).toEqual([]);
    // The old window's overdue nudge (12:00) stays quiet too.
    for (const at of [
      '2026-03-03T09:00:00Z',
      '2026-03-03T12:00:00Z',
      '2026-03-04T07:00:00Z',
      '2026-03-04T08:00:00Z',
    ]) {
      clock.set(new Date(at));
      await p.worker.drain();
    }
    expect(reminders(p.sent)).toEqual([
      'CREL Reminder (T-24h)',
      'dm:Rita Reminder (T-24h)',
      'CREL Cut-off',
      'dm:Rita Cut-off',
      'CREL Reminder (T-1h)',
      'dm:Rita Reminder (T-1h)',
    ]);
  });
});
