import { createServer, type Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../src/app/context.ts';
import { startChangeboard } from '../src/changeboard.ts';
import type { Config } from '../src/config.ts';
import { jobs } from '../src/db/schema.ts';
import { enqueue } from '../src/jobs/queue.ts';
import { silentLogger } from '../src/log.ts';
import { defaultPolicy } from '../src/policy/default-policy.ts';

/** A Slack Web API that refuses the app token, as Slack does for a revoked one. */
let fakeSlack: Server | null = null;
afterEach(() => {
  fakeSlack?.close();
  fakeSlack = null;
});
async function refusingSlack(): Promise<string> {
  fakeSlack = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
  });
  await new Promise<void>((resolve) => fakeSlack!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(fakeSlack.address() as { port: number }).port}/api/`;
}

const config = (port: number, apiUrl = ''): Config => ({
  port,
  host: '127.0.0.1',
  databasePath: ':memory:',
  policyFile: null,
  logLevel: 'error',
  publicUrl: null,
  slack: {
    botToken: 'xoxb-test',
    signingSecret: null,
    // Socket Mode with an app token Slack refuses: start-up must fail, not hang or leak.
    appToken: 'xapp-test',
    apiUrl,
    botUserId: 'UBOT',
    botId: 'BBOT',
  },
  teams: null,
});

describe('startChangeboard', () => {
  it('leaves no server listening when a platform fails to start', async () => {
    const probe = await startChangeboard({
      config: { ...config(0), slack: null },
      policy: defaultPolicy,
      log: silentLogger,
      heartbeat: null,
    });
    const port = probe.port;
    await probe.stop();
    const apiUrl = await refusingSlack();
    await expect(
      startChangeboard({
        config: config(port, apiUrl),
        policy: defaultPolicy,
        log: silentLogger,
        heartbeat: null,
      }),
    ).rejects.toThrow(/invalid_auth/);
    // The port is free again: another server can take it.
    const again = await startChangeboard({
      config: { ...config(port), slack: null },
      policy: defaultPolicy,
      log: silentLogger,
      heartbeat: null,
    });
    await again.stop();
  });

  it('with catchUp: false runs nothing due until catchUp(): not after a commit, not on the first beat', async () => {
    const app = await startChangeboard({
      config: { ...config(0), slack: null },
      policy: defaultPolicy,
      log: silentLogger,
      catchUp: false,
    });
    try {
      // One attempt only: a job of a kind nobody handles is dead once the worker has tried it.
      const { id } = enqueue(app.database.db, {
        kind: 'test.nobody-handles-this',
        payload: {},
        runAt: new Date(Date.now() - 1_000),
        maxAttempts: 1,
      });
      const status = () => app.database.db.select().from(jobs).where(eq(jobs.id, id)).get()?.status;
      inTransaction(app.ctx, () => undefined); // a commit wakes the worker, as a vote's does
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(status()).toBe('pending');

      await app.catchUp();
      expect(status()).toBe('dead');
    } finally {
      await app.stop();
    }
  });
});
