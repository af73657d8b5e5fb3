import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { authenticateToken } from '../../src/app/api/tokens.ts';
import { createAppContext } from '../../src/app/context.ts';
import { openDatabase } from '../../src/db/client.ts';
import { defaultPolicy } from '../../src/policy/default-policy.ts';

const CLI = new URL('../../src/cli/token.ts', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'changeboard-token-'));
const file = join(dir, 'tokens.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CLI, ...args, '--database', file],
    { encoding: 'utf8' },
  );

const authenticates = (token: string) => {
  const database = openDatabase(file);
  try {
    return authenticateToken(createAppContext({ database, policy: defaultPolicy }), token);
  } finally {
    database.close();
  }
};

describe('npm run token', () => {
  it('creates a token shown once, lists it without the secret, and revokes it', () => {
    const created = run('create', '--name', 'ci-payments', '--scope', 'gate', '--scope', 'deployments');
    expect(created.status).toBe(0);
    const token = created.stdout.trim().split('\n').at(-1) ?? '';
    expect(token).toMatch(/^cb_[0-9a-f]{12}_/);
    expect(authenticates(token)).toMatchObject({ name: 'ci-payments', scopes: ['gate', 'deployments'] });

    const listed = run('list');
    expect(listed.stdout).toMatch(/^ci-payments\tgate,deployments\tlive/);
    expect(listed.stdout).not.toContain(token);

    expect(run('revoke', '--name', 'ci-payments').status).toBe(0);
    expect(authenticates(token)).toBeNull();
    expect(run('list').stdout).toContain('revoked');
  });

  it('refuses an unknown scope and a missing name', () => {
    const bad = run('create', '--name', 'ci-x', '--scope', 'admin');
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('Unknown scope admin')]);
    expect(run('create', '--scope', 'gate').status).toBe(2);
    expect(run('revoke', '--name', 'nobody').status).toBe(1);
  });
});
