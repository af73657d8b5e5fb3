import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../../src/app/context.ts';
import { createJobHandlers } from '../../../src/app/jobs/handlers.ts';
import { DIGEST_JOB, nextDigestAt, scheduleNextDigest } from '../../../src/app/metrics/digest.ts';
import type { MetricsDestination, MetricsMessage } from '../../../src/app/metrics/metrics-message.ts';
import type { ChatSurface } from '../../../src/app/ports.ts';
import { openDatabase } from '../../../src/db/client.ts';
import type { MetricsDigestPolicy, Policy } from '../../../src/domain/policy/types.ts';
import { createWorker } from '../../../src/jobs/worker.ts';
import { silentLogger } from '../../../src/log.ts';
import { makePolicy } from '../../domain/fixtures.ts';

const DIGEST: MetricsDigestPolicy = {
  cron: '0 9 * * 1',
  timezone: 'Europe/Berlin',
  window: '7d',
  channels: { slack: ['CDIGEST'], teams: [] },
};

interface Posted {
  to: string;
  title: string;
  scope: string;
  png: number;
}

function slackSurface(posted: Posted[]): ChatSurface {
  const unused = () => Promise.reject(new Error('not used by the digest'));
  return {
    platform: 'slack',
    channelsOf: (board) => board.channels.slack,
    canReach: () => true,
    postCard: unused,
    sendCardToPerson: unused,
    updateCard: unused,
    replyInThread: unused,
    notifyPerson: unused,
    async postMetrics(to: MetricsDestination, message: MetricsMessage) {
      posted.push({
        to: 'channel' in to ? to.channel : to.person.name,
        title: message.view.title,
        scope: message.view.scope,
        png: message.chart.png.length,
      });
    },
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-digest-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One Changeboard process over the same database file: boot schedules the digest, then the worker drains. */
async function runProcess(at: Date, posted: Posted[], policy: Policy = makePolicy({ digest: DIGEST })) {
  const database = openDatabase(join(dir, 'changeboard.db'));
  const ctx: AppContext = createAppContext({ database, policy, clock: () => at });
  scheduleNextDigest(ctx, at);
  const worker = createWorker({
    database,
    handlers: createJobHandlers(ctx, [slackSurface(posted)], silentLogger),
    clock: () => at,
    log: silentLogger,
  });
  await worker.drain();
  const pending = database.sqlite
    .prepare(`SELECT kind, run_at AS runAt FROM jobs WHERE status = 'pending' ORDER BY run_at`)
    .all() as { kind: string; runAt: number }[];
  await worker.stop();
  database.close();
  return pending.map((j) => [j.kind, new Date(j.runAt).toISOString()]);
}

describe('the weekly metrics digest', () => {
  it('fires at its cron time in its zone, once, across restarts and downtime', async () => {
    const posted: Posted[] = [];
    // Monday 2 March 2026, 10:00 in Berlin: this week's 09:00 has passed, the next is 9 March 08:00 UTC.
    expect(await runProcess(new Date('2026-03-02T09:00:00Z'), posted)).toEqual([
      [DIGEST_JOB.run, '2026-03-09T08:00:00.000Z'],
    ]);
    // A minute before: nothing yet.
    expect(await runProcess(new Date('2026-03-09T07:59:00Z'), posted)).toHaveLength(1);
    expect(posted).toEqual([]);
    // The process was down at 09:00; it comes back at 09:30 and sends the due digest once, then schedules the next.
    expect(await runProcess(new Date('2026-03-09T08:30:00Z'), posted)).toEqual([
      [DIGEST_JOB.run, '2026-03-16T08:00:00.000Z'],
    ]);
    expect(posted).toEqual([
      {
        to: 'CDIGEST',
        title: 'Weekly change digest',
        scope: 'Last 7 days · all services',
        png: expect.any(Number),
      },
    ]);
    expect(posted[0]!.png).toBeGreaterThan(5_000);
    // Another restart sends nothing again.
    expect(await runProcess(new Date('2026-03-09T08:31:00Z'), posted)).toHaveLength(1);
    expect(posted).toHaveLength(1);
  });

  it('sends the one digest that was due after weeks of downtime, not a backlog', async () => {
    const posted: Posted[] = [];
    await runProcess(new Date('2026-03-02T09:00:00Z'), posted);
    expect(await runProcess(new Date('2026-03-25T12:00:00Z'), posted)).toEqual([
      [DIGEST_JOB.run, '2026-03-30T07:00:00.000Z'],
    ]);
    expect(posted).toHaveLength(1);
  });

  it('stands down when the policy no longer has it, and schedules nothing', async () => {
    const posted: Posted[] = [];
    await runProcess(new Date('2026-03-02T09:00:00Z'), posted);
    expect(await runProcess(new Date('2026-03-09T08:30:00Z'), posted, makePolicy())).toEqual([]);
    expect(posted).toEqual([]);
  });

  it('fans out once per channel when a digest run is retried after a crash', async () => {
    const posted: Posted[] = [];
    const database = openDatabase(join(dir, 'changeboard.db'));
    const at = new Date('2026-03-09T08:00:00Z');
    const ctx = createAppContext({ database, policy: makePolicy({ digest: DIGEST }), clock: () => at });
    const handlers = createJobHandlers(ctx, [slackSurface(posted)], silentLogger);
    const payload = { fireAt: at.getTime(), cron: DIGEST.cron, timezone: DIGEST.timezone };
    const job = { jobId: 1, attempt: 1, now: at };
    await handlers[DIGEST_JOB.run](payload, job);
    await handlers[DIGEST_JOB.run](payload, { ...job, attempt: 2 });
    const kinds = database.sqlite.prepare('SELECT kind FROM jobs ORDER BY id').all() as { kind: string }[];
    expect(kinds.map((k) => k.kind)).toEqual([DIGEST_JOB.post, DIGEST_JOB.run]);
    database.close();
  });

  it('follows the zone through daylight-saving changes', () => {
    const sunday = { ...DIGEST, cron: '30 2 * * 0' };
    // 29 March 2026: 02:30 does not exist in Berlin; it runs at the first minute that does (03:00 CEST).
    expect(nextDigestAt(sunday, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
    // 25 October 2026: 02:30 happens twice; it runs once, at the first.
    const first = nextDigestAt(sunday, new Date('2026-10-24T12:00:00Z'));
    expect(first?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(nextDigestAt(sunday, first!)?.toISOString()).toBe('2026-11-01T01:30:00.000Z');
    // Monday 09:00 Berlin is 08:00 UTC in winter and 07:00 UTC in summer.
    expect(nextDigestAt(DIGEST, new Date('2026-03-30T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-30T07:00:00.000Z',
    );
  });
});
