import { describe, expect, it } from 'vitest';
import { freePort, mainProcesses, waitFor } from './helpers/spawn-main.ts';

const start = mainProcesses('changeboard-main-');

describe('npm start', () => {
  it('starts with nothing configured, migrates a fresh database, answers /healthz and stops on SIGTERM', async () => {
    const port = await freePort();
    const app = start({ PORT: String(port), HOST: '127.0.0.1' });
    await waitFor(() => (app.output().stdout.includes('listening on') ? true : null), 'the listening line');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', db: 'ok' });
    const { stdout } = app.output();
    expect(stdout).toContain('Slack: disabled (set SLACK_BOT_TOKEN');
    expect(stdout).toContain('Teams: disabled (set MICROSOFT_APP_ID');
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    expect(app.output().stdout).toContain('stopped cleanly');
  });

  it('refuses PORT=abc with a message naming PORT and a non-zero exit', async () => {
    const app = start({ PORT: 'abc' });
    expect(await app.exited).not.toBe(0);
    expect(app.output().stderr).toMatch(/PORT must be a whole number/);
  });

  it('names every bad variable at once', async () => {
    const app = start({ PORT: '99999', LOG_LEVEL: 'loud' });
    expect(await app.exited).not.toBe(0);
    expect(app.output().stderr).toMatch(/PORT.*LOG_LEVEL|LOG_LEVEL.*PORT/);
  });
});
