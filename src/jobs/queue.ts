import type BetterSqlite3 from 'better-sqlite3';
import { and, count, eq, gt, lte, min, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { cachedStatement } from '../db/statement-cache.ts';
import { safeErrorText } from './error-text.ts';

/** Mirrors the column default in src/db/schema.ts. */
export const DEFAULT_MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 3_600_000;

export interface NewJob {
  kind: string;
  payload: unknown;
  runAt: Date;
  /** At most one job ever exists per key: the key stays reserved after the job is done or dead. */
  dedupeKey?: string;
  /**
   * Coalescing instead of dedupe: while a job with this key waits unclaimed, another is dropped (the waiting
   * one will see the latest state when it runs); once claimed, the key is free again. For idempotent
   * "bring it up to date" work such as refreshing every copy of a card after a burst of votes.
   */
  coalesceKey?: string;
  maxAttempts?: number;
}

/** Coalescing keys share the dedupe column under this prefix, released by the claim. */
const COALESCE_PREFIX = 'coalesce:';

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  /** 1 on the first run; counts claims, minus RetryLater reschedules. */
  attempt: number;
  maxAttempts: number;
  runAt: Date;
  leaseUntil: Date;
  dedupeKey: string | null;
}

/**
 * Optional compare-and-swap guard: pass the claimed `attempt` so a worker whose lease expired (and whose job was
 * claimed again elsewhere) cannot complete, fail or reschedule the newer claim.
 */
export interface ClaimGuard {
  attempt?: number;
}

export type FailOutcome = { status: 'pending'; runAt: Date } | { status: 'dead' };

/** Exponential backoff before retry number `attempts` + 1: 5 s, 10 s, 20 s, … capped at 1 h. No jitter. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** Math.max(attempts - 1, 0), BACKOFF_CAP_MS);
}

const P = {
  now: sql.placeholder('now'),
  id: sql.placeholder('id'),
  attempt: sql.placeholder('attempt'),
  limit: sql.placeholder('limit'),
};

/** Matches the claimed attempt when one is given (`null` skips the check). */
const attemptMatches = sql`(${P.attempt} IS NULL OR ${jobs.attempts} = ${P.attempt})`;

const insertJob = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.insert', (x) =>
    x
      .insert(jobs)
      .values({
        kind: sql.placeholder('kind'),
        payload: sql.placeholder('payload'),
        runAt: sql.placeholder('runAt'),
        maxAttempts: sql.placeholder('maxAttempts'),
        dedupeKey: sql.placeholder('dedupeKey'),
        createdAt: P.now,
        updatedAt: P.now,
      })
      // No conflict target: drizzle puts a target's WHERE after DO NOTHING, which SQLite rejects for the
      // partial unique index on dedupe_key; the only other unique key is the generated id.
      .onConflictDoNothing()
      .returning({ id: jobs.id })
      .prepare(),
  );

const findByDedupeKey = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.byDedupeKey', (x) =>
    x
      .select({ id: jobs.id })
      .from(jobs)
      .where(eq(jobs.dedupeKey, sql.placeholder('dedupeKey')))
      .prepare(),
  );

/**
 * Which of these coalescing keys have a job waiting unclaimed (the one a new enqueue would be dropped into),
 * in one indexed read.
 */
export function waitingCoalesced(
  sqlite: BetterSqlite3.Database,
  coalesceKeys: readonly string[],
): Set<string> {
  if (coalesceKeys.length === 0) return new Set();
  const rows = sqlite
    .prepare(`SELECT dedupe_key AS k FROM jobs WHERE dedupe_key IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(coalesceKeys.map((k) => `${COALESCE_PREFIX}${k}`))) as { k: string }[];
  return new Set(rows.map((r) => r.k.slice(COALESCE_PREFIX.length)));
}

/** Brings the waiting job of this coalescing key forward to `at` if it was due later (someone asked now). */
export function pullCoalescedForward(tx: DbOrTx, coalesceKey: string, at: Date, now: Date): void {
  pullForward(tx).run({
    dedupeKey: `${COALESCE_PREFIX}${coalesceKey}`,
    at: at.getTime(),
    now: now.getTime(),
  });
}

const pullForward = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.pullForward', (x) =>
    x
      .update(jobs)
      .set({ runAt: sql`${sql.placeholder('at')}`, updatedAt: sql`${sql.placeholder('now')}` })
      .where(
        and(
          eq(jobs.dedupeKey, sql.placeholder('dedupeKey')),
          eq(jobs.status, 'pending'),
          gt(jobs.runAt, sql`${sql.placeholder('at')}`),
        ),
      )
      .prepare(),
  );

/**
 * Enqueues a job, normally inside the use case's transaction (an outbox: the job commits with the decision).
 * A job whose dedupe key was ever used is dropped and the existing job's id returned with `deduped: true`.
 */
export function enqueue(
  tx: DbOrTx,
  job: NewJob,
  opts: { now?: Date } = {},
): { id: number; deduped: boolean } {
  const maxAttempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
    throw new RangeError('enqueue: maxAttempts must be ≥ 1');
  const runAt = job.runAt.getTime();
  if (Number.isNaN(runAt)) throw new RangeError('enqueue: invalid runAt');
  if (job.dedupeKey !== undefined && job.coalesceKey !== undefined)
    throw new RangeError('enqueue: a job has a dedupe key or a coalesce key, not both');
  const dedupeKey =
    job.coalesceKey !== undefined ? `${COALESCE_PREFIX}${job.coalesceKey}` : (job.dedupeKey ?? null);

  const inserted = insertJob(tx).get({
    kind: job.kind,
    payload: JSON.stringify(job.payload ?? null),
    runAt,
    maxAttempts,
    dedupeKey,
    now: (opts.now ?? new Date()).getTime(),
  });
  if (inserted !== undefined) return { id: inserted.id, deduped: false };
  const existing = dedupeKey === null ? undefined : findByDedupeKey(tx).get({ dedupeKey });
  if (existing === undefined) throw new Error('enqueue: insert was ignored but no job holds the dedupe key');
  return { id: existing.id, deduped: true };
}

/**
 * Enqueues one coalescing job per item in a single statement (a fan-out such as an App Home refresh for
 * every approver of a change): an item whose key already waits unclaimed is dropped, as with `enqueue`.
 * Takes the raw connection: the connection reuses the statement for this text (src/db/statement-reuse.ts).
 */
export function enqueueCoalesced(
  sqlite: BetterSqlite3.Database,
  kind: string,
  items: readonly { payload: unknown; coalesceKey: string; runAt?: Date }[],
  runAt: Date,
  now: Date,
): void {
  if (items.length === 0) return;
  const rows = items.map((i) => ({
    p: JSON.stringify(i.payload ?? null),
    k: `${COALESCE_PREFIX}${i.coalesceKey}`,
    ...(i.runAt ? { r: i.runAt.getTime() } : {}),
  }));
  // OR IGNORE: a row whose dedupe key is taken (by a waiting job of the same key) is skipped, the rest go in.
  sqlite
    .prepare(
      `INSERT OR IGNORE INTO jobs (kind, payload, run_at, max_attempts, dedupe_key, created_at, updated_at)
       SELECT @kind, json_extract(value, '$.p'), coalesce(json_extract(value, '$.r'), @runAt), @maxAttempts,
         json_extract(value, '$.k'), @now, @now
       FROM json_each(@rows)`,
    )
    .run({
      kind,
      rows: JSON.stringify(rows),
      runAt: runAt.getTime(),
      maxAttempts: DEFAULT_MAX_ATTEMPTS,
      now: now.getTime(),
    });
}

// A job whose lease ran out on its last attempt (the worker crashed, or the handler hung) is dead, not re-run
// forever: a job that crashes the process must not crash it at every restart.
const buryExpired = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.buryExpired', (x) =>
    x
      .update(jobs)
      .set({
        status: 'dead',
        leaseUntil: null,
        lastError: 'lease expired on the last attempt (worker stopped or handler ran past its lease)',
        updatedAt: sql`${P.now}`,
      })
      .where(
        and(
          eq(jobs.status, 'running'),
          lte(jobs.leaseUntil, P.now),
          sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
        ),
      )
      .prepare(),
  );

// One UPDATE … WHERE id IN (SELECT …) RETURNING: SQLite takes the write lock before it reads, so two claimers
// (threads, processes) are serialised and a row is claimed by exactly one of them.
const claimBatch = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.claim', (x) =>
    x
      .update(jobs)
      .set({
        status: 'running',
        attempts: sql`${jobs.attempts} + 1`,
        // A claimed coalescing job frees its key, so the next change enqueues a fresh run.
        dedupeKey: sql`CASE WHEN ${jobs.dedupeKey} LIKE ${`${COALESCE_PREFIX}%`} THEN NULL ELSE ${jobs.dedupeKey} END`,
        leaseUntil: sql`${sql.placeholder('leaseUntil')}`,
        updatedAt: sql`${P.now}`,
      })
      .where(
        // Each branch walks jobs_due_idx (status, run_at, id) in order and stops at `limit`, so a claim reads
        // at most 2 × limit rows however many jobs are due (issue 7: start-up with 100k pending jobs); a plain
        // OR over both made SQLite sort every due row on each claim.
        sql`${jobs.id} IN (SELECT id FROM (
          SELECT * FROM (SELECT id, run_at FROM jobs WHERE status = 'pending' AND run_at <= ${P.now}
            ORDER BY run_at, id LIMIT ${P.limit})
          UNION ALL
          SELECT * FROM (SELECT id, run_at FROM jobs WHERE status = 'running' AND lease_until <= ${P.now}
            AND attempts < max_attempts ORDER BY run_at, id LIMIT ${P.limit})
        ) ORDER BY run_at, id LIMIT ${P.limit})`,
      )
      .returning()
      .prepare(),
  );

/**
 * Claims up to `limit` due jobs for `leaseMs`: pending jobs whose run-at has come, and running jobs whose lease
 * expired (the process died between claim and completion). Each claim counts as an attempt.
 */
export function claimDue(db: DbOrTx, now: Date, opts: { leaseMs: number; limit: number }): ClaimedJob[] {
  const at = now.getTime();
  buryExpired(db).run({ now: at });
  const rows = claimBatch(db).all({ now: at, leaseUntil: at + opts.leaseMs, limit: opts.limit });
  return rows
    .sort((a, b) => a.runAt - b.runAt || a.id - b.id)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      payload: JSON.parse(row.payload) as unknown,
      attempt: row.attempts,
      maxAttempts: row.maxAttempts,
      runAt: new Date(row.runAt),
      leaseUntil: new Date(at + opts.leaseMs),
      dedupeKey: row.dedupeKey,
    }));
}

const completeJob = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.complete', (x) =>
    x
      .update(jobs)
      .set({ status: 'done', leaseUntil: null, updatedAt: sql`${P.now}` })
      .where(and(eq(jobs.id, P.id), eq(jobs.status, 'running'), attemptMatches))
      .prepare(),
  );

/** Marks a running job done. Returns false when the job is not (or no longer) this claim's. */
export function complete(db: DbOrTx, id: number, opts: ClaimGuard & { now?: Date } = {}): boolean {
  const now = (opts.now ?? new Date()).getTime();
  return completeJob(db).run({ id, now, attempt: opts.attempt ?? null }).changes === 1;
}

/**
 * Records a failed attempt: retried after `backoffMs(attempts)`, or `dead` once maxAttempts is reached.
 * The error text is stored without stack and with secrets masked. Returns null when the job is not this claim's.
 */
export function fail(
  db: DbOrTx,
  id: number,
  error: string,
  now: Date,
  opts: ClaimGuard = {},
): FailOutcome | null {
  // IMMEDIATE: read-then-write on a deferred transaction fails at once when another connection (the job
  // thread and the main thread each have one) wrote in between; the write lock first makes it wait.
  return db.transaction(
    (tx) => {
      const job = tx
        .select({ status: jobs.status, attempts: jobs.attempts, maxAttempts: jobs.maxAttempts })
        .from(jobs)
        .where(eq(jobs.id, id))
        .get();
      if (job === undefined || job.status !== 'running') return null;
      if (opts.attempt !== undefined && job.attempts !== opts.attempt) return null;

      const lastError = safeErrorText(error);
      const at = now.getTime();
      if (job.attempts >= job.maxAttempts) {
        tx.update(jobs)
          .set({ status: 'dead', leaseUntil: null, lastError, updatedAt: at })
          .where(eq(jobs.id, id))
          .run();
        return { status: 'dead' };
      }
      const runAt = at + backoffMs(job.attempts);
      tx.update(jobs)
        .set({ status: 'pending', runAt, leaseUntil: null, lastError, updatedAt: at })
        .where(eq(jobs.id, id))
        .run();
      return { status: 'pending', runAt: new Date(runAt) };
    },
    { behavior: 'immediate' },
  );
}

const rescheduleJob = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.reschedule', (x) =>
    x
      .update(jobs)
      .set({
        status: 'pending',
        runAt: sql`${sql.placeholder('runAt')}`,
        attempts: sql`max(${jobs.attempts} - 1, 0)`,
        leaseUntil: null,
        updatedAt: sql`${P.now}`,
      })
      .where(and(eq(jobs.id, P.id), eq(jobs.status, 'running'), attemptMatches))
      .prepare(),
  );

/**
 * Reschedules a running job at `at` WITHOUT burning an attempt (the claim's increment is given back): a
 * rate limit (HTTP 429 with Retry-After) says "not now", not "this job is broken".
 */
export function retryAfter(
  db: DbOrTx,
  id: number,
  at: Date,
  opts: ClaimGuard & { now?: Date } = {},
): boolean {
  const now = (opts.now ?? new Date()).getTime();
  return rescheduleJob(db).run({ id, runAt: at.getTime(), now, attempt: opts.attempt ?? null }).changes === 1;
}

/**
 * At start-up, before any worker of this process claims: jobs still marked running were claimed by a process
 * that is gone (Changeboard runs one process per database), so their leases end now instead of minutes later
 * and the catch-up runs them (or buries them, if that was their last attempt). Returns how many.
 */
export function releaseOrphanedClaims(db: DbOrTx, now: Date): number {
  const at = now.getTime();
  return db
    .update(jobs)
    .set({ leaseUntil: at, updatedAt: at })
    .where(and(eq(jobs.status, 'running'), sql`${jobs.leaseUntil} > ${at}`))
    .run().changes;
}

/** When the next job becomes claimable: the earliest pending run-at or running lease expiry; null when idle. */
const earliestPending = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.earliestPending', (x) =>
    x
      .select({ at: min(jobs.runAt) })
      .from(jobs)
      .where(eq(jobs.status, 'pending'))
      .prepare(),
  );

const earliestLeaseEnd = (d: DbOrTx) =>
  cachedStatement(d, 'jobs.earliestLeaseEnd', (x) =>
    x
      .select({ at: min(jobs.leaseUntil) })
      .from(jobs)
      .where(eq(jobs.status, 'running'))
      .prepare(),
  );

export function nextRunAt(db: DbOrTx): Date | null {
  const pending = earliestPending(db).get()?.at;
  const leased = earliestLeaseEnd(db).get()?.at;
  const candidates = [pending, leased].filter((t): t is number => typeof t === 'number');
  return candidates.length === 0 ? null : new Date(Math.min(...candidates));
}

/** Jobs waiting to run (due or not). */
export function pendingCount(db: DbOrTx): number {
  return db.select({ n: count() }).from(jobs).where(eq(jobs.status, 'pending')).get()?.n ?? 0;
}
