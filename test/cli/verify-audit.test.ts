import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/db/audit.ts';
import { openDatabase } from '../../src/db/client.ts';

const CLI = new URL('../../src/cli/verify-audit.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function databaseWithEvents(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'changeboard-audit-'));
  dirs.push(dir);
  const file = join(dir, 'audit.db');
  const database = openDatabase(file);
  for (let i = 0; i < count; i++) {
    appendAudit(database.db, {
      at: new Date(Date.UTC(2026, 2, 2, 9, i)),
      changeId: null,
      actorId: null,
      actorName: 'Changeboard',
      platform: 'system',
      action: `test.${i}`,
      version: null,
      reason: null,
      data: { i },
    });
  }
  database.close();
  return file;
}

const run = (file: string) =>
  spawnSync(
    process.execPath,
    ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CLI, file],
    {
      encoding: 'utf8',
    },
  );

describe('npm run audit:verify', () => {
  it('reads DATABASE_PATH from .env like the service does', () => {
    const file = databaseWithEvents(2);
    const cwd = join(file, '..');
    writeFileSync(join(cwd, '.env'), `DATABASE_PATH=${file}\n`);
    const { DATABASE_PATH: _unset, ...env } = process.env;
    const result = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CLI],
      { encoding: 'utf8', cwd, env },
    );
    expect([result.status, result.stdout]).toEqual([0, expect.stringMatching(/intact: 2 events/)]);
  });

  it('reports an intact trail with its event count and exits 0', () => {
    const result = run(databaseWithEvents(3));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Audit trail intact: 3 events, last hash [0-9a-f]{64}/);
  });

  it('names the first broken event and exits 1 when a row was altered behind the code', () => {
    const file = databaseWithEvents(3);
    const database = openDatabase(file);
    database.sqlite.exec('DROP TRIGGER audit_events_no_update');
    database.sqlite.prepare("UPDATE audit_events SET actor_name = 'Mallory' WHERE seq = 2").run();
    database.close();
    const result = run(file);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('Audit trail BROKEN at event 2');
  });

  it('exits 2 when there is no database', () => {
    expect(run('/nonexistent/changeboard.db').status).toBe(2);
  });
});
