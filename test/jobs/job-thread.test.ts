import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveActor } from '../../src/app/context.ts';
import { JOB } from '../../src/app/jobs/kinds.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { type Changeboard, startChangeboard } from '../../src/changeboard.ts';
import { openDatabase } from '../../src/db/client.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { JOB_THREAD_NICE } from '../../src/jobs/thread-priority.ts';
import type { ThreadWorker } from '../../src/jobs/thread-worker.ts';
import { silentLogger } from '../../src/log.ts';
import { ACTION, encodeRef } from '../../src/platforms/slack/ids.ts';
import { hoursAfter, makeDraft } from '../domain/fixtures.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { interactionBody, signedHeaders } from '../helpers/slack-signing.ts';
import { slackTestConfig } from '../platforms/slack/slack-harness.ts';
import { niceOf } from './thread-nice.ts';

const SECRET = 'thread-test-secret';
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

/** Polls until `probe` holds (the job thread works on its own time); fails the test after 20 s. */
async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function start(): Promise<Changeboard> {
  fake ??= await startFakeSlackApi();
  fake.addUser('UALICE', { name: 'Alice', email: 'alice@example.com', tz: 'Europe/Paris' });
  fake.addUser('URITA', { name: 'Rita', email: 'rita@example.com', tz: 'Europe/Paris' });
  const config = {
    ...slackTestConfig({ signingSecret: SECRET, apiUrl: fake.apiUrl, appToken: null }),
    databasePath: join(dir, 'changeboard.db'),
  };
  // No clock and a database file: the production mode, the job worker in its own thread.
  return startChangeboard({ config, policy: platformPolicy(), log: silentLogger, heartbeat: null });
}

describe('the job worker in its own thread (issue 7)', () => {
  it('posts the card, then updates it after a signed vote, from the thread; stops gracefully', async () => {
    dir = mkdtempSync(join(tmpdir(), 'changeboard-thread-'));
    app = await start();
    const now = new Date();
    const rita = resolveActor(app.ctx, { platform: 'slack', slackUserId: 'URITA', name: 'Rita' });
    const raised = raiseChange(app.ctx, rita, {
      draft: makeDraft({ plannedStart: hoursAfter(now, 96), plannedEnd: hoursAfter(now, 98) }),
    });
    if (!raised.ok) throw new Error(`raise failed: ${raised.error.code}`);
    const changeId = raised.value.change.id;
    await until(() => (fake?.callsTo('chat.postMessage').length ?? 0) >= 2, 'the card posts');

    const body = interactionBody({
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: { id: 'UALICE', username: 'alice', name: 'alice', team_id: 'T0' },
      api_app_id: 'A0',
      token: 'x',
      trigger_id: 't1',
      container: { type: 'message', message_ts: '1.1', channel_id: 'CCAB', is_ephemeral: false },
      channel: { id: 'CCAB', name: 'ccab' },
      message: { type: 'message', ts: '1.1', text: 'card' },
      response_url: fake!.responseUrl('approve-alice'),
      actions: [
        {
          type: 'button',
          action_id: ACTION.approve,
          block_id: 'b',
          value: encodeRef({ changeId, version: 1 }),
          action_ts: '1.2',
        },
      ],
    });
    const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) },
    });
    expect(res.status).toBe(200);
    await until(() => (fake?.callsTo('chat.update').length ?? 0) >= 2, 'the card updates');
    await until(() => (fake?.callsTo('views.publish').length ?? 0) >= 1, 'an App Home publish');
    expect(app.ctx.repos.changes.get(changeId)?.state).toBe('scheduled');
    // The background work runs below the acks' priority, where the OS allows a thread its own (Linux).
    const tid = (app.worker as ThreadWorker).osThreadId();
    if (process.platform === 'linux') expect(niceOf(tid!)).toBe(JOB_THREAD_NICE);
    await app.stop();
    app = null;
    // Stopped cleanly: the thread closed its connection, and nothing is left running or leased.
    const database = openDatabase(join(dir, 'changeboard.db'));
    const running = database.sqlite.prepare(`SELECT count(*) AS n FROM jobs WHERE status = 'running'`).get();
    database.close();
    expect(running).toEqual({ n: 0 });
  });

  it('runs on restart what came due while the process was down, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'changeboard-thread-'));
    const database = openDatabase(join(dir, 'changeboard.db'));
    database.sqlite.exec(
      `INSERT INTO people (name, slack_user_id, created_at) VALUES ('Alice', 'UALICE', 0)`,
    );
    const notice = { changeId: 1, headline: 'Due while down', body: null, questionId: null };
    enqueue(database.db, { kind: JOB.notifyPerson, payload: { personId: 1, notice }, runAt: new Date(0) });
    database.close();
    app = await start();
    await until(() => (fake?.callsTo('chat.postMessage').length ?? 0) >= 1, 'the due message');
    await app.worker.drain();
    expect(fake!.callsTo('chat.postMessage').map((c) => c.args.text)).toEqual(['Due while down']);
  });
});
