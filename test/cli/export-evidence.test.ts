import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext, resolveActor } from '../../src/app/context.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { parseExportArgs } from '../../src/cli/export-args.ts';
import { verifyAuditChain } from '../../src/db/audit.ts';
import { openDatabase } from '../../src/db/client.ts';
import { defaultPolicy } from '../../src/policy/default-policy.ts';
import { makeDraft, NOW } from '../domain/fixtures.ts';

const CLI = new URL('../../src/cli/export-evidence.ts', import.meta.url).pathname;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('reads the period, format and output', () => {
    expect(parseExportArgs(['--from', '2026-03-01', '--to', '2026-03-31', '--format', 'json'], {})).toEqual({
      period: { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') },
      format: 'json',
      out: 'changeboard-evidence-2026-03-01-2026-03-31.zip',
      databasePath: './data/changeboard.db',
    });
    expect(parseExportArgs(['--from', '2026-03-01'], {})).toBe(
      'give the period: --from 2026-01-01 --to 2026-03-31',
    );
    expect(parseExportArgs(['--from', '2026-03-02', '--to', '2026-03-01'], {})).toBe(
      '--to must be after --from',
    );
    expect(parseExportArgs(['--from', 'x', '--to', '2026-03-01'], {})).toBe(
      '--from must be a date like 2026-03-31 or an ISO time',
    );
    expect(parseExportArgs(['--from', '2026-03-01', '--to', '2026-03-31', '--format', 'xml'], {})).toBe(
      '--format must be csv or json',
    );
  });

  it('writes the zip and prints the audit chain’s last hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-export-'));
    dirs.push(dir);
    const file = join(dir, 'changeboard.db');
    const database = openDatabase(file);
    const ctx = createAppContext({ database, policy: defaultPolicy, clock: () => NOW });
    const rita = resolveActor(ctx, { platform: 'slack', slackUserId: 'URITA', name: 'Rita', email: null });
    raiseChange(ctx, rita, { draft: makeDraft({ type: 'standard', modelId: null, services: [] }) });
    const chain = verifyAuditChain(database.db);
    database.close();
    const out = join(dir, 'evidence.zip');
    const run = spawnSync(
      process.execPath,
      [
        '--experimental-strip-types',
        '--disable-warning=ExperimentalWarning',
        CLI,
        '--from',
        '2026-03-01',
        '--to',
        '2026-03-31',
        '--db',
        file,
        '--out',
        out,
      ],
      { encoding: 'utf8', env: { ...process.env, POLICY_FILE: '' } },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(chain.ok).toBe(true);
    const lastHash = chain.ok ? chain.lastHash : '';
    expect(run.stdout).toContain(
      `Audit trail intact: ${chain.ok ? chain.count : 0} events, last hash ${lastHash}`,
    );
    const manifest = JSON.parse(strFromU8(unzipSync(readFileSync(out))['manifest.json']!));
    expect(manifest.auditChain.lastHash).toBe(lastHash);
    expect(manifest.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
  });

  it('refuses bad arguments with exit code 2', () => {
    const run = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', CLI, '--from', '2026-03-01'],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('export: give the period: --from 2026-01-01 --to 2026-03-31\n');
  });
});
