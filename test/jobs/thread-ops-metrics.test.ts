import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveActor } from '../../src/app/context.ts';
import { JOB } from '../../src/app/jobs/kinds.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { type Changeboard, startChangeboard } from '../../src/changeboard.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { silentLogger } from '../../src/log.ts';
import { hoursAfter, makeDraft } from '../domain/fixtures.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { slackTestConfig } from '../platforms/slack/slack-harness.ts';

const TOKEN = 'thread-scrape-token-0123456789';
let app: Changeboard | null = null;
let fake: FakeSlackApi | null = null;
let dir = '';
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = null;
  fake = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** One exact sample line of the main thread's /metrics, e.g. `name{a="b"}` (0 when absent). */
async function sample(line: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${app!.port}/metrics`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(200);
  const found = (await res.text()).split('\n').find((l) => l.startsWith(`${line} `));
  return found === undefined ? 0 : Number(found.slice(line.length + 1));
}

/** Job rows of a kind in a status, as the thread left them in the shared database file. */
const rows = (kind: string, status: string): number =>
  (
    app!.ctx.database.sqlite
      .prepare('SELECT count(*) AS n FROM jobs WHERE kind = ? AND status = ?')
      .get(kind, status) as { n: number }
  ).n;

describe('Prometheus counters from the job thread', () => {
  it('reach the main thread’s /metrics: job runs, their lateness and job errors', async () => {
    dir = mkdtempSync(join(tmpdir(), 'changeboard-thread-ops-'));
    fake = await startFakeSlackApi();
    fake.addUser('URITA', { name: 'Rita', email: 'rita@example.com', tz: 'Europe/Paris' });
    // A database file and no clock: the production mode, the worker in its own thread.
    app = await startChangeboard({
      config: {
        ...slackTestConfig({ signingSecret: 'ops-secret', apiUrl: fake.apiUrl, appToken: null }),
        databasePath: join(dir, 'changeboard.db'),
        metrics: { token: TOKEN, port: null, host: '127.0.0.1' },
      },
      policy: platformPolicy(),
      log: silentLogger,
      heartbeat: null,
    });
    await app.worker.drain();
    const runs = 'changeboard_job_runs_total{kind="card.post",outcome="done"}';
    const lateness = 'changeboard_job_lateness_seconds_count{kind="card.post"}';
    const failed = 'changeboard_job_runs_total{kind="jobs.no_such_kind",outcome="failed"}';
    const jobErrors = 'changeboard_errors_total{source="job"}';
    // Nothing ran yet on the main thread's registry: in thread mode it only sees what the thread sends.
    expect([await sample(runs), await sample(lateness), await sample(failed)]).toEqual([0, 0, 0]);
    const errorsBefore = await sample(jobErrors);

    const now = new Date();
    const rita = resolveActor(app.ctx, { platform: 'slack', slackUserId: 'URITA', name: 'Rita' });
    const raised = raiseChange(app.ctx, rita, {
      draft: makeDraft({ plannedStart: hoursAfter(now, 96), plannedEnd: hoursAfter(now, 98) }),
    });
    expect(raised.ok).toBe(true);
    // A job no handler knows fails at once (one attempt) and counts as a job error.
    enqueue(app.ctx.database.db, {
      kind: 'jobs.no_such_kind',
      payload: {},
      runAt: new Date(0),
      maxAttempts: 1,
    });
    app.ctx.onCommit();
    // The thread posts its observations before it answers the drain, on the same port: all applied now.
    await app.worker.drain();

    const posted = rows(JOB.postCard, 'done');
    expect(posted).toBeGreaterThanOrEqual(1);
    expect(fake.callsTo('chat.postMessage').length).toBeGreaterThanOrEqual(1);
    expect(await sample(runs)).toBe(posted);
    expect(await sample(lateness)).toBe(posted);
    expect(rows('jobs.no_such_kind', 'dead') + rows('jobs.no_such_kind', 'failed')).toBe(1);
    expect(await sample(failed)).toBe(1);
    expect((await sample(jobErrors)) - errorsBefore).toBe(1);
  });
});
