import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort, mainProcesses, waitFor } from '../helpers/spawn-main.ts';

const start = mainProcesses('changeboard-playground-');

describe('npm start and the playground', () => {
  it('on a fresh clone with nothing configured, prints the playground address and serves it on loopback only', async () => {
    const [port, playgroundPort] = [await freePort(), await freePort()];
    const app = start({ PORT: String(port), PLAYGROUND_PORT: String(playgroundPort) });
    const url = await waitFor(
      () => /open (http:\/\/127\.0\.0\.1:\d+)\//.exec(app.output().stdout)?.[1] ?? null,
      'the playground line',
    );
    expect(url).toBe(`http://127.0.0.1:${playgroundPort}`);
    expect(app.output().stdout).toContain('Playground (local trial');
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('local trial');
    // HOST defaults to 0.0.0.0, but in the playground the app is on loopback: /healthz answers there.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(app.output().stdout).toContain(`listening on http://127.0.0.1:${port}`);
    // Its own database, never the deployment's.
    expect(existsSync(join(app.cwd, 'data', 'playground.db'))).toBe(true);
    expect(existsSync(join(app.cwd, 'data', 'changeboard.db'))).toBe(false);
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });

  it('refuses PLAYGROUND=true while real Slack credentials are set, naming them', async () => {
    const app = start({
      PLAYGROUND: 'true',
      SLACK_BOT_TOKEN: 'xoxb-real-token',
      SLACK_SIGNING_SECRET: 'real-secret',
    });
    expect(await app.exited).not.toBe(0);
    expect(app.output().stderr).toMatch(
      /PLAYGROUND must not be true while real Slack or Teams settings are set \(SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET\)/,
    );
    expect(app.output().stderr).not.toContain('real-secret');
  });

  it('refuses a playground host other machines could reach', async () => {
    const app = start({ PLAYGROUND: 'true', PLAYGROUND_HOST: '0.0.0.0' });
    expect(await app.exited).not.toBe(0);
    expect(app.output().stderr).toMatch(/PLAYGROUND_HOST must be a loopback address/);
  });

  it('stays off beside a configured platform when not asked for', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), HOST: '127.0.0.1', TEAMS_ALLOW_UNAUTHENTICATED: 'true' });
    await waitFor(() => (app.output().stdout.includes('listening on') ? true : null), 'the listening line');
    expect(app.output().stdout).not.toContain('Playground');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
  });
});
