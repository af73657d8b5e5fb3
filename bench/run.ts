// `npm run bench`: figures as ratios against a baseline measured in the same run (absolute numbers vary by machine).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createAppContext, resolveActor } from '../src/app/context.ts';
import { castVote } from '../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../src/app/use-cases/raise-change.ts';
import { appendAudit } from '../src/db/audit.ts';
import { openDatabase } from '../src/db/client.ts';
import { changes } from '../src/db/schema.ts';
import { claimDue, complete, enqueue } from '../src/jobs/queue.ts';
import { defaultPolicy } from '../src/policy/default-policy.ts';
import { type Comparison, opsPerSecond, report } from './measure.ts';

const dir = mkdtempSync(join(tmpdir(), 'changeboard-bench-'));
const database = openDatabase(join(dir, 'bench.db'));
const now = new Date();
const voters = Array.from({ length: 50 }, (_, i) => ({ slack: `UB${i}` }));
const policy = {
  ...defaultPolicy,
  boards: defaultPolicy.boards.map((b) => ({ ...b, members: voters })),
  routes: defaultPolicy.routes.map((r) => ({ ...r, rule: { kind: 'all' as const } })),
};
const ctx = createAppContext({ database, policy, clock: () => now });
const rows: Comparison[] = [];

// 1. Loading a change on the vote path: the prepared statement against drizzle's builder, which prepares per call.
{
  const requester = resolveActor(ctx, { platform: 'slack', slackUserId: 'UREQ', name: 'Requester' });
  const draft = {
    title: 'Bench change',
    description: 'd',
    justification: 'j',
    type: 'normal' as const,
    services: ['internal-tools'],
    plannedStart: new Date(now.getTime() + 96 * 3_600_000),
    plannedEnd: new Date(now.getTime() + 98 * 3_600_000),
    risk: {
      impact: 'none',
      complexity: 'simple',
      tested: 'yes',
      backout: 'easy',
      failedBefore: false,
    } as const,
    implementationPlan: 'i',
    backoutPlan: 'b',
    testPlan: 't',
    modelId: null,
  };
  const raised = raiseChange(ctx, requester, { draft });
  if (!raised.ok) throw new Error(`bench set-up failed: ${JSON.stringify(raised.error)}`);
  const id = raised.value.change.id;
  rows.push({
    name: 'Point read of a change (vote hot path)',
    subject: 'prepared once, reused',
    baseline: 'drizzle query builder per call',
    subjectOps: opsPerSecond(() => ctx.repos.changes.get(id)),
    baselineOps: opsPerSecond(() => database.db.select().from(changes).where(eq(changes.id, id)).get()),
  });

  // 2. A whole vote (eligibility, vote row, tally, audit event, outbox job) against the cheapest durable write.
  // A 50-member CAB under "all": every change takes 50 votes, then the next change is voted on.
  const cabActors = voters.map((v) =>
    resolveActor(ctx, { platform: 'slack', slackUserId: v.slack, name: v.slack }),
  );
  const ids = Array.from({ length: 400 }, () => {
    const next = raiseChange(ctx, requester, { draft });
    if (!next.ok) throw new Error('bench set-up failed');
    return next.value.change.id;
  });
  database.sqlite.exec('CREATE TABLE bench_rows (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = database.sqlite.prepare('INSERT INTO bench_rows (v) VALUES (?)');
  const bare = database.sqlite.transaction((i: number) => insert.run(String(i)));
  let n = 0;
  rows.push({
    name: 'Casting a vote (one IMMEDIATE transaction), 50-member CAB',
    subject: 'castVote end to end',
    baseline: 'single-row INSERT transaction',
    subjectOps: opsPerSecond(() => {
      const changeId = ids[Math.floor(n / cabActors.length) % ids.length]!;
      const actor = cabActors[n++ % cabActors.length]!;
      castVote(ctx, actor, { changeId, version: 1, decision: 'approve', reason: null });
    }, 300),
    baselineOps: opsPerSecond((i) => bare.immediate(i)),
  });
}

// 3. The audit hash chain against a plain insert of the same row shape.
{
  database.sqlite.exec('CREATE TABLE bench_audit AS SELECT * FROM audit_events WHERE 0');
  const plain = database.sqlite.prepare(
    'INSERT INTO bench_audit (at, change_id, actor_id, actor_name, platform, action, version, reason, data, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)',
  );
  const plainTx = database.sqlite.transaction(() =>
    plain.run(now.getTime(), 1, 1, 'A', 'slack', 'bench', 1, null, '{}', 'x', 'y'),
  );
  const chainedTx = database.sqlite.transaction(() =>
    appendAudit(database.db, {
      at: now,
      changeId: 1,
      actorId: 1,
      actorName: 'A',
      platform: 'slack',
      action: 'bench',
      version: 1,
      reason: null,
      data: {},
    }),
  );
  rows.push({
    name: 'Appending an audit event',
    subject: 'hash-chained append',
    baseline: 'plain insert, same columns',
    subjectOps: opsPerSecond(() => chainedTx.immediate()),
    baselineOps: opsPerSecond(() => plainTx.immediate()),
  });
}

// 4. Claiming a due job with 100k future reminders queued, against an empty backlog: the index keeps it flat.
{
  const claimOne = () => {
    enqueue(database.db, { kind: 'bench', payload: null, runAt: now }, { now });
    const [job] = claimDue(database.db, now, { leaseMs: 60_000, limit: 1 });
    if (job) complete(database.db, job.id, { attempt: job.attempt, now });
  };
  const emptyBacklog = opsPerSecond(claimOne);
  const future = new Date(now.getTime() + 86_400_000);
  database.sqlite.transaction(() => {
    for (let i = 0; i < 100_000; i++)
      enqueue(database.db, { kind: 'reminder', payload: { i }, runAt: future }, { now });
  })();
  rows.push({
    name: 'Enqueue + claim + complete one due job',
    subject: 'with 100,000 future jobs queued',
    baseline: 'with an empty backlog',
    subjectOps: opsPerSecond(claimOne),
    baselineOps: emptyBacklog,
  });
}

process.stdout.write(`${report(rows)}\n`);
database.close();
rmSync(dir, { recursive: true, force: true });
