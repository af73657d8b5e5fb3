import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts `node src/main.ts` in an empty folder with nothing but PATH and the given variables. */
function start(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'changeboard-main-'));
  dirs.push(cwd);
  const child = spawn(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', MAIN],
    {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, cwd, exited, output: () => ({ stdout, stderr }) };
}

/** A port that was free a moment ago (PORT must be 1–65535, so 0 cannot be passed through). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitFor<T>(probe: () => T | null, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

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
