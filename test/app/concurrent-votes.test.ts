import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app/context.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { listAudit, verifyAuditChain } from '../../src/db/audit.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { ApprovalRule, Policy } from '../../src/domain/policy/types.ts';
import { makeDraft, makePolicy, NOW } from '../domain/fixtures.ts';

const APPROVERS = Array.from({ length: 100 }, (_, i) => `UAPPROVER${String(i).padStart(3, '0')}`);
const THREADS = 4;

function hundredMemberPolicy(rule: ApprovalRule): Policy {
  const base = makePolicy();
  return {
    ...base,
    boards: [
      {
        id: 'cab',
        name: 'Big CAB',
        members: APPROVERS.map((slack) => ({ slack })),
        channels: { slack: [], teams: [] },
      },
    ],
    routes: [{ type: 'normal', board: 'cab', rule }],
  };
}

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** Raises a change on a file database, then lets THREADS threads, each on its own connection, vote at once. */
async function voteAtOnce(policy: Policy) {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-votes-'));
  const file = join(dir, 'votes.db');
  const database = openDatabase(file);
  const ctx = createAppContext({ database, policy, clock: () => NOW });
  const requester = database.sqlite.transaction(() =>
    ctx.repos.people.resolve({ platform: 'slack', slackUserId: 'URITA', name: 'Rita' }, NOW),
  )();
  const raised = raiseChange(ctx, { person: requester, platform: 'slack' }, { draft: makeDraft() });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  const changeId = raised.value.change.id;

  const barrier = new SharedArrayBuffer(4);
  const slices = Array.from({ length: THREADS }, (_, t) => APPROVERS.filter((_, i) => i % THREADS === t));
  const results = await Promise.all(
    slices.map(
      (voters) =>
        new Promise<string[]>((resolve, reject) => {
          const worker = new Worker(new URL('./vote-worker.ts', import.meta.url), {
            workerData: { file, policy, changeId, voters, barrier, threads: THREADS, now: NOW.getTime() },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  return { database, changeId, codes: results.flat() };
}

describe('100 approvers voting at once on one change', () => {
  it('counts every vote exactly once and approves exactly once under "all"', async () => {
    const { database, changeId, codes } = await voteAtOnce(hundredMemberPolicy({ kind: 'all' }));
    const votes = database.sqlite
      .prepare('SELECT COUNT(*) AS n FROM votes WHERE change_id = ?')
      .get(changeId);
    expect(votes).toEqual({ n: 100 });
    expect(codes.filter((c) => c === 'approved')).toHaveLength(1);
    expect(codes.filter((c) => c === 'counted')).toHaveLength(99);
    const approvals = listAudit(database.db, changeId).filter((e) => e.action === 'change.approved');
    expect(approvals).toHaveLength(1);
    expect(database.sqlite.prepare('SELECT state FROM changes WHERE id = ?').get(changeId)).toEqual({
      state: 'scheduled',
    });
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 102 });
    database.close();
  });

  it('stops counting at the quorum and tells the rest it was already approved', async () => {
    const { database, changeId, codes } = await voteAtOnce(hundredMemberPolicy({ kind: 'n_of_m', n: 60 }));
    const votes = database.sqlite
      .prepare('SELECT COUNT(*) AS n FROM votes WHERE change_id = ?')
      .get(changeId);
    expect(votes).toEqual({ n: 60 });
    expect(codes.filter((c) => c === 'approved')).toHaveLength(1);
    expect(codes.filter((c) => c === 'not_open_for_votes')).toHaveLength(40);
    expect(listAudit(database.db, changeId).filter((e) => e.action === 'change.approved')).toHaveLength(1);
    database.close();
  });
});
