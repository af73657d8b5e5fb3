import { Worker as Thread } from 'node:worker_threads';
import type { Logger } from '../log.ts';
import { applyOpsObservation, type OpsObservation } from '../observability/ops-metrics.ts';
import { JOB_THREAD_RESOURCE_LIMITS } from './thread-limits.ts';
import type { Worker } from './worker.ts';

/** Messages from the main thread to the job thread. */
export type ToJobThread = { type: 'wake' } | { type: 'drain'; id: number } | { type: 'stop' };

/** Messages from the job thread back. */
export type FromJobThread =
  | { type: 'ready'; osThreadId: number | null }
  | { type: 'drained'; id: number; ran: number; error?: string }
  | { type: 'stopped' }
  /** Prometheus observations made in the thread, for the main thread's registry (`GET /metrics`). */
  | { type: 'ops'; observations: readonly OpsObservation[] };

export interface ThreadWorkerOptions {
  /** The thread's entry module (it builds its own database connection, surfaces, handlers and worker). */
  readonly entry: URL;
  /** Structured-cloneable data the entry reads as `workerData`. */
  readonly data: unknown;
  readonly log: Logger;
  /** How long to wait before starting a thread that died, so a crash loop cannot spin. Default 1 s. */
  readonly restartDelayMs?: number;
}

export interface ThreadWorker extends Worker {
  /** Resolves once the thread has opened its database and built its handlers. */
  ready(): Promise<void>;
  /** The thread's V8 heap (its isolate is not in the main thread's `process.memoryUsage().heapUsed`). */
  heapStatistics(): Promise<{ readonly used: number; readonly total: number } | null>;
  /** The thread's OS thread id once it has lowered its scheduling priority (Linux), else null. */
  osThreadId(): number | null;
}

/**
 * The job worker in a worker thread (issue 7): rendering, Web API calls and App Home publishing run on
 * their own event loop with their own SQLite connection (WAL lets both read while one writes), so a burst
 * of background work cannot delay an ack on the main thread. The main thread only posts "wake" after a
 * commit. The jobs table stays the only store: a thread that dies is started again and finds its claimed
 * jobs when their leases expire.
 */
export function startThreadWorker(opts: ThreadWorkerOptions): ThreadWorker {
  const { log } = opts;
  let stopping = false;
  let nextId = 1;
  const drains = new Map<number, { resolve(n: number): void; reject(e: Error): void }>();
  let stopped: (() => void) | null = null;
  let readyResolve: () => void = () => {};
  const readyPromise = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  let alive = false;
  let osThreadId: number | null = null;
  let wakePending = false;
  let thread = spawn();

  function spawn(): Thread {
    const t = new Thread(opts.entry, { workerData: opts.data, resourceLimits: JOB_THREAD_RESOURCE_LIMITS });
    alive = true;
    t.on('message', (message: FromJobThread) => {
      if (message.type === 'ops') for (const o of message.observations) applyOpsObservation(o);
      else if (message.type === 'ready') {
        osThreadId = message.osThreadId;
        readyResolve();
      } else if (message.type === 'drained') {
        const pending = drains.get(message.id);
        drains.delete(message.id);
        if (message.error === undefined) pending?.resolve(message.ran);
        else pending?.reject(new Error(message.error));
      } else if (message.type === 'stopped') stopped?.();
    });
    t.on('error', (error) => log.error('job thread failed', { error }));
    t.on('exit', (code) => {
      alive = false;
      for (const pending of drains.values()) pending.reject(new Error(`job thread exited (${code})`));
      drains.clear();
      if (stopping) {
        stopped?.();
        return;
      }
      log.error('job thread exited: starting it again', { code });
      setTimeout(() => {
        if (stopping) return;
        thread = spawn();
        post({ type: 'wake' });
      }, opts.restartDelayMs ?? 1_000).unref();
    });
    return t;
  }

  function post(message: ToJobThread): void {
    thread.postMessage(message);
  }

  return {
    wake() {
      // One message per turn of the event loop however many commits asked (postMessage is not free).
      if (stopping || wakePending) return;
      wakePending = true;
      setImmediate(() => {
        wakePending = false;
        if (!stopping) post({ type: 'wake' });
      });
    },
    drain() {
      // A dead thread (about to be started again) runs nothing now; its successor drains on start.
      if (stopping || !alive) return Promise.resolve(0);
      const id = nextId++;
      return new Promise<number>((resolve, reject) => {
        drains.set(id, { resolve, reject });
        post({ type: 'drain', id });
      });
    },
    ready: () => readyPromise,
    osThreadId: () => osThreadId,
    async heapStatistics() {
      await readyPromise;
      // A thread that died since (and waits to be started again) has no heap to report.
      const stats = alive ? await thread.getHeapStatistics().catch(() => null) : null;
      return stats && { used: stats.used_heap_size, total: stats.total_heap_size };
    },
    async stop() {
      if (stopping) return;
      stopping = true;
      // A thread that died (and waits to be started again) has nothing in flight: nothing to wait for.
      if (!alive) return;
      // The thread stops claiming, waits for its jobs in flight, closes its connection, then says so.
      await new Promise<void>((resolve) => {
        stopped = resolve;
        post({ type: 'stop' });
      });
      await thread.terminate();
    },
  };
}
