import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { jobs } from '../../src/db/schema.ts';
import {
  backoffMs,
  claimDue,
  complete,
  enqueue,
  fail,
  nextRunAt,
  pendingCount,
  retryAfter,
} from '../../src/jobs/queue.ts';
import { createTestDatabase } from '../helpers/db.ts';

const T0 = new Date('2026-05-04T08:00:00.000Z').getTime();
const at = (ms: number) => new Date(T0 + ms);
const lease = { leaseMs: 30_000, limit: 10 };

describe('job queue', () => {
  let database: Database;
  beforeEach(() => {
    database = createTestDatabase();
  });
  afterEach(() => database.close());

  const row = (id: number) => database.db.select().from(jobs).where(eq(jobs.id, id)).get()!;

  it('claims a due job once, with its payload, and marks it done on completion', () => {
    const { id } = enqueue(database.db, { kind: 'card.refresh', payload: { changeId: 4 }, runAt: at(0) });

    const claimed = claimDue(database.db, at(0), lease);
    expect(claimed).toEqual([
      {
        id,
        kind: 'card.refresh',
        payload: { changeId: 4 },
        attempt: 1,
        maxAttempts: 8,
        runAt: at(0),
        leaseUntil: at(30_000),
        dedupeKey: null,
      },
    ]);
    expect(claimDue(database.db, at(1), lease)).toEqual([]);

    expect(complete(database.db, id, { attempt: 1, now: at(2) })).toBe(true);
    expect(row(id)).toMatchObject({ status: 'done', leaseUntil: null, updatedAt: T0 + 2 });
    expect(claimDue(database.db, at(60_000), lease)).toEqual([]);
  });

  it('does not claim a job before its run-at', () => {
    enqueue(database.db, { kind: 'reminder', payload: null, runAt: at(10_000) });

    expect(claimDue(database.db, at(9_999), lease)).toEqual([]);
    expect(claimDue(database.db, at(10_000), lease)).toHaveLength(1);
  });

  it('claims the oldest due jobs first, up to the limit', () => {
    for (const offset of [3, 1, 2]) enqueue(database.db, { kind: 'k', payload: offset, runAt: at(offset) });

    const claimed = claimDue(database.db, at(10), { leaseMs: 1_000, limit: 2 });
    expect(claimed.map((j) => j.payload)).toEqual([1, 2]);
  });

  it('drops a second job with the same dedupe key and returns the first one’s id', () => {
    const first = enqueue(database.db, {
      kind: 'reminder',
      payload: 1,
      runAt: at(0),
      dedupeKey: 'r:7:T-24h',
    });
    const second = enqueue(database.db, {
      kind: 'reminder',
      payload: 2,
      runAt: at(5),
      dedupeKey: 'r:7:T-24h',
    });

    expect(first.deduped).toBe(false);
    expect(second).toEqual({ id: first.id, deduped: true });
    expect(database.db.select().from(jobs).all()).toHaveLength(1);
    expect(row(first.id).payload).toBe('1');
  });

  it('keeps a dedupe key reserved after its job is done, so a reminder is never sent twice', () => {
    const first = enqueue(database.db, { kind: 'reminder', payload: 1, runAt: at(0), dedupeKey: 'r:7:T-1h' });
    claimDue(database.db, at(0), lease);
    complete(database.db, first.id, { now: at(1) });

    expect(
      enqueue(database.db, { kind: 'reminder', payload: 1, runAt: at(2), dedupeKey: 'r:7:T-1h' }),
    ).toEqual({
      id: first.id,
      deduped: true,
    });
    expect(pendingCount(database.db)).toBe(0);
  });

  it('never dedupes jobs that have no key', () => {
    enqueue(database.db, { kind: 'card.refresh', payload: 1, runAt: at(0) });
    enqueue(database.db, { kind: 'card.refresh', payload: 1, runAt: at(0) });
    expect(pendingCount(database.db)).toBe(2);
  });

  it('leaves no job behind when the enqueuing transaction rolls back', () => {
    expect(() =>
      database.db.transaction((tx) => {
        enqueue(tx, { kind: 'card.refresh', payload: 1, runAt: at(0) });
        throw new Error('use case failed');
      }),
    ).toThrow('use case failed');
    expect(pendingCount(database.db)).toBe(0);
  });

  it('retries after 5 s, 10 s, 20 s, 40 s and then marks the job dead at its last attempt', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0), maxAttempts: 5 });
    let now = T0;
    const gaps: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const [job] = claimDue(database.db, new Date(now), lease);
      expect(job?.attempt).toBe(attempt);
      const outcome = fail(database.db, id, `boom ${attempt}`, new Date(now), { attempt });
      if (outcome?.status !== 'pending') throw new Error(`expected a retry, got ${JSON.stringify(outcome)}`);
      gaps.push(outcome.runAt.getTime() - now);
      expect(claimDue(database.db, new Date(outcome.runAt.getTime() - 1), lease)).toEqual([]);
      now = outcome.runAt.getTime();
    }
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000]);

    claimDue(database.db, new Date(now), lease);
    expect(fail(database.db, id, 'boom 5', new Date(now), { attempt: 5 })).toEqual({ status: 'dead' });
    expect(row(id)).toMatchObject({ status: 'dead', attempts: 5, lastError: 'boom 5', leaseUntil: null });
    expect(claimDue(database.db, at(10 * 3_600_000), lease)).toEqual([]);
  });

  it('caps the backoff at one hour', () => {
    expect([1, 2, 3, 10, 11, 30].map(backoffMs)).toEqual([
      5_000, 10_000, 20_000, 2_560_000, 3_600_000, 3_600_000,
    ]);
  });

  it('stores the failure text with secrets masked and truncated', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0) });
    claimDue(database.db, at(0), lease);
    fail(database.db, id, `token=xoxb-1-2-abc ${'x'.repeat(2_000)}`, at(0));

    const stored = row(id).lastError!;
    expect(stored).not.toContain('xoxb-1-2-abc');
    expect(stored.length).toBe(500);
  });

  it('re-claims a running job once its lease has expired, and not a moment before', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0) });
    claimDue(database.db, at(0), lease); // …and the process dies here.

    expect(claimDue(database.db, at(29_999), lease)).toEqual([]);
    const [again] = claimDue(database.db, at(30_000), lease);
    expect(again).toMatchObject({ id, attempt: 2, leaseUntil: at(60_000) });
  });

  it('refuses to complete or fail a claim that was lost to a newer one', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0) });
    claimDue(database.db, at(0), lease);
    claimDue(database.db, at(30_000), lease);

    expect(complete(database.db, id, { attempt: 1, now: at(30_001) })).toBe(false);
    expect(fail(database.db, id, 'late', at(30_001), { attempt: 1 })).toBeNull();
    expect(retryAfter(database.db, id, at(90_000), { attempt: 1 })).toBe(false);
    expect(complete(database.db, id, { attempt: 2, now: at(30_002) })).toBe(true);
  });

  it('marks a job dead when its lease expires on its last attempt instead of running it again', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0), maxAttempts: 1 });
    claimDue(database.db, at(0), lease);

    expect(claimDue(database.db, at(30_000), lease)).toEqual([]);
    expect(row(id)).toMatchObject({ status: 'dead', lastError: expect.stringContaining('lease expired') });
  });

  it('reschedules with retryAfter without counting a failed attempt', () => {
    const { id } = enqueue(database.db, { kind: 'k', payload: null, runAt: at(0), maxAttempts: 1 });
    claimDue(database.db, at(0), lease);

    expect(retryAfter(database.db, id, at(45_000), { attempt: 1, now: at(1) })).toBe(true);
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 0, runAt: T0 + 45_000, leaseUntil: null });
    expect(claimDue(database.db, at(44_999), lease)).toEqual([]);
    expect(claimDue(database.db, at(45_000), lease)).toMatchObject([{ id, attempt: 1 }]);
  });

  it('reports when the next job becomes claimable, counting lease expiries', () => {
    expect(nextRunAt(database.db)).toBeNull();
    enqueue(database.db, { kind: 'k', payload: null, runAt: at(50_000) });
    enqueue(database.db, { kind: 'k', payload: null, runAt: at(20_000) });
    expect(nextRunAt(database.db)).toEqual(at(20_000));
    expect(pendingCount(database.db)).toBe(2);

    claimDue(database.db, at(20_000), { leaseMs: 10_000, limit: 1 });
    expect(nextRunAt(database.db)).toEqual(at(30_000));
    expect(pendingCount(database.db)).toBe(1);
  });

  it('rejects an invalid run-at or attempt limit', () => {
    expect(() => enqueue(database.db, { kind: 'k', payload: null, runAt: new Date(Number.NaN) })).toThrow(
      RangeError,
    );
    expect(() => enqueue(database.db, { kind: 'k', payload: null, runAt: at(0), maxAttempts: 0 })).toThrow(
      RangeError,
    );
  });
});

describe('job queue shared by two connections', () => {
  let dir: string;
  let a: Database;
  let b: Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'changeboard-jobs-'));
    a = openDatabase(join(dir, 'data', 'jobs.db'));
    b = openDatabase(join(dir, 'data', 'jobs.db'));
  });
  afterEach(() => {
    a.close();
    b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never hands the same job to two claimers', () => {
    for (let i = 0; i < 50; i++) enqueue(a.db, { kind: 'k', payload: i, runAt: at(i) });

    const seen: number[] = [];
    for (let turn = 0; ; turn++) {
      const claimer = turn % 2 === 0 ? a : b;
      const claimed = claimDue(claimer.db, at(1_000), { leaseMs: 60_000, limit: 3 });
      if (claimed.length === 0) break;
      seen.push(...claimed.map((j) => j.id));
    }

    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(b.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});

describe('job queue under concurrent claimers', () => {
  it('hands each job to exactly one of four threads claiming at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-claim-'));
    const path = join(dir, 'jobs.db');
    try {
      const seed = openDatabase(path);
      seed.db.transaction((tx) => {
        for (let i = 0; i < 2_000; i++) enqueue(tx, { kind: 'k', payload: i, runAt: at(0) });
      });
      seed.close();

      const start = new Int32Array(new SharedArrayBuffer(4));
      const threads = Array.from(
        { length: 4 },
        () =>
          new Worker(new URL('./claimer-thread.ts', import.meta.url), {
            workerData: { path, now: T0, start },
          }),
      );
      const results = threads.map(
        (thread) =>
          new Promise<number[]>((resolve, reject) => {
            thread.once('message', resolve);
            thread.once('error', reject);
          }),
      );
      await Promise.all(threads.map((t) => new Promise((resolve) => t.once('online', resolve))));
      Atomics.store(start, 0, 1);
      Atomics.notify(start, 0);
      const perThread = await Promise.all(results);
      const all = perThread.flat();

      expect(all).toHaveLength(2_000);
      expect(new Set(all).size).toBe(2_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
