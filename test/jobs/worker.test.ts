import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { jobs } from '../../src/db/schema.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { createWorker, type JobContext, type JobHandler, RetryLater } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { type ManualClock, manualClock } from './manual-clock.ts';

const T0 = new Date('2026-05-04T08:00:00.000Z').getTime();

/** Lets pending promise callbacks and I/O callbacks run; no wall-clock time involved. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('job worker', () => {
  let database: Database;
  let clock: ManualClock;
  beforeEach(() => {
    database = createTestDatabase();
    clock = manualClock(T0);
  });
  afterEach(() => database.close());

  const row = (id: number) => database.db.select().from(jobs).where(eq(jobs.id, id)).get()!;
  const worker = (handlers: Record<string, JobHandler>, extra: { batch?: number; leaseMs?: number } = {}) =>
    createWorker({ database, handlers, clock, log: silentLogger, ...extra });

  it('runs every due job with its payload and context, and marks it done', async () => {
    const calls: [unknown, JobContext][] = [];
    const { id } = enqueue(database.db, {
      kind: 'card.refresh',
      payload: { changeId: 9 },
      runAt: new Date(T0),
    });
    enqueue(database.db, { kind: 'card.refresh', payload: { changeId: 10 }, runAt: new Date(T0 + 60_000) });

    const ran = await worker({
      'card.refresh': async (payload, ctx) => {
        calls.push([payload, ctx]);
      },
    }).drain();

    expect(ran).toBe(1);
    expect(calls).toEqual([[{ changeId: 9 }, { jobId: id, attempt: 1, now: new Date(T0) }]]);
    expect(row(id).status).toBe('done');
  });

  it('runs, exactly once, every job that came due while the process was down', async () => {
    const runs = new Map<number, number>();
    for (let i = 0; i < 25; i++) {
      enqueue(database.db, { kind: 'reminder', payload: i, runAt: new Date(T0 - (i + 1) * 3_600_000) });
    }
    const w = worker({
      reminder: async (payload) => {
        runs.set(payload as number, (runs.get(payload as number) ?? 0) + 1);
      },
    });

    expect(await w.drain()).toBe(25);
    expect(await w.drain()).toBe(0);
    expect([...runs.values()]).toEqual(Array(25).fill(1));
  });

  it('runs a follow-up job that a handler enqueues for now in the same drain', async () => {
    const seen: string[] = [];
    enqueue(database.db, { kind: 'first', payload: null, runAt: new Date(T0) });
    const ran = await worker({
      first: async () => {
        seen.push('first');
        enqueue(database.db, { kind: 'second', payload: null, runAt: new Date(T0) });
      },
      second: async () => {
        seen.push('second');
      },
    }).drain();

    expect(ran).toBe(2);
    expect(seen).toEqual(['first', 'second']);
  });

  it('records a handler failure and schedules the retry with backoff', async () => {
    const { id } = enqueue(database.db, { kind: 'post', payload: null, runAt: new Date(T0) });
    await worker({
      post: async () => {
        throw new Error('channel_not_found');
      },
    }).drain();

    expect(row(id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      runAt: T0 + 5_000,
      lastError: 'Error: channel_not_found',
    });
  });

  it('fails a job of an unknown kind with a clear error', async () => {
    const { id } = enqueue(database.db, {
      kind: 'no.such.kind',
      payload: null,
      runAt: new Date(T0),
      maxAttempts: 1,
    });
    await worker({}).drain();

    expect(row(id)).toMatchObject({
      status: 'dead',
      lastError: 'Error: no handler registered for job kind "no.such.kind"',
    });
  });

  it('reschedules a job that throws RetryLater without burning an attempt', async () => {
    const attempts: number[] = [];
    const { id } = enqueue(database.db, { kind: 'post', payload: null, runAt: new Date(T0), maxAttempts: 1 });
    const w = worker({
      post: async (_payload, ctx) => {
        attempts.push(ctx.attempt);
        if (attempts.length === 1) throw new RetryLater(new Date(ctx.now.getTime() + 30_000));
      },
    });

    await w.drain();
    expect(row(id)).toMatchObject({ status: 'pending', attempts: 0, runAt: T0 + 30_000 });

    clock.advance(29_999);
    expect(await w.drain()).toBe(0);
    clock.advance(1);
    expect(await w.drain()).toBe(1);
    expect(attempts).toEqual([1, 1]);
    expect(row(id).status).toBe('done');
  });

  it('waits at least a second when RetryLater names a time already past, so the drain cannot spin', async () => {
    const { id } = enqueue(database.db, { kind: 'post', payload: null, runAt: new Date(T0) });
    const ran = await worker({
      post: async () => {
        throw new RetryLater(new Date(T0 - 60_000));
      },
    }).drain();

    expect(ran).toBe(1);
    expect(row(id)).toMatchObject({ status: 'pending', runAt: T0 + 1_000 });
  });

  it('drains again after a drain that found nothing due', async () => {
    const w = worker({ k: async () => {} });
    expect(await w.drain()).toBe(0);
    expect(await w.drain()).toBe(0);

    enqueue(database.db, { kind: 'k', payload: null, runAt: new Date(T0) });
    expect(await w.drain()).toBe(1);
  });

  it('runs one drain at a time: a drain asked for during a drain joins it', async () => {
    const gate = deferred();
    let active = 0;
    let maxActive = 0;
    enqueue(database.db, { kind: 'slow', payload: null, runAt: new Date(T0) });
    const w = worker(
      {
        slow: async () => {
          active += 1;
          maxActive = Math.max(maxActive, active);
          await gate.promise;
          active -= 1;
        },
      },
      { batch: 1 },
    );

    const first = w.drain();
    await flush();
    for (let i = 0; i < 3; i++) w.wake();
    expect(w.drain()).toBe(first);
    enqueue(database.db, { kind: 'slow', payload: null, runAt: new Date(T0) });
    gate.resolve();

    expect(await first).toBe(2);
    expect(maxActive).toBe(1);
  });

  it('runs a job enqueued and woken for during a drain before that drain ends', async () => {
    const gate = deferred();
    const seen: string[] = [];
    enqueue(database.db, { kind: 'a', payload: null, runAt: new Date(T0) });
    const w = worker({
      a: async () => {
        seen.push('a');
        await gate.promise;
      },
      b: async () => {
        seen.push('b');
      },
    });

    const drained = w.drain();
    await flush();
    enqueue(database.db, { kind: 'b', payload: null, runAt: new Date(T0) });
    w.wake();
    gate.resolve();
    await drained;

    expect(seen).toEqual(['a', 'b']);
  });

  it('waits on stop for the job in flight, then accepts no more wakes', async () => {
    const gate = deferred();
    const started = deferred();
    const { id } = enqueue(database.db, { kind: 'slow', payload: null, runAt: new Date(T0) });
    const w = worker({
      slow: async () => {
        started.resolve();
        await gate.promise;
      },
    });

    w.wake();
    await started.promise;
    let stopped = false;
    const stopping = w.stop().then(() => {
      stopped = true;
    });
    await flush();
    expect(stopped).toBe(false);
    expect(row(id).status).toBe('running');

    gate.resolve();
    await stopping;
    expect(stopped).toBe(true);
    expect(row(id).status).toBe('done');

    const late = enqueue(database.db, { kind: 'slow', payload: null, runAt: new Date(T0) });
    w.wake();
    expect(await w.drain()).toBe(0);
    expect(row(late.id).status).toBe('pending');
  });

  it('keeps draining other jobs when one handler fails', async () => {
    const seen: number[] = [];
    for (const n of [1, 2, 3]) enqueue(database.db, { kind: 'n', payload: n, runAt: new Date(T0) });
    const ran = await worker({
      n: async (payload) => {
        if (payload === 2) throw new Error('two');
        seen.push(payload as number);
      },
    }).drain();

    expect(ran).toBe(3);
    expect(seen).toEqual([1, 3]);
  });
});
