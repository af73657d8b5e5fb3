import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { NODE_FLAGS } from '../../src/node-flags.ts';

const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

/**
 * `node src/main.ts` as `npm start` runs it, in an empty folder (a fresh clone's situation) with nothing but
 * PATH and the given variables. Every process and folder it made is removed after each test.
 */
export function mainProcesses(prefix: string) {
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return function start(env: Record<string, string>) {
    const cwd = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(cwd);
    const child = spawn(process.execPath, [...NODE_FLAGS, MAIN], {
      cwd,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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
  };
}

/** A port that was free a moment ago (PORT must be 1–65535, so 0 cannot be passed through). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` every 50 ms for up to 15 s. */
export async function waitFor<T>(probe: () => T | null, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = probe();
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}
