import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { recordJobRun } from '../observability/ops-metrics.ts';
import { safeErrorText } from './error-text.ts';
import { type ClaimedJob, claimDue, complete, fail, retryAfter } from './queue.ts';
import { RetryLater } from './retry-later.ts';

export { RetryLater } from './retry-later.ts';

export interface JobContext {
  jobId: number;
  /** 1 on the first run. */
  attempt: number;
  /** The worker clock's time when the job was claimed. */
  now: Date;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  database: Database;
  handlers: Record<string, JobHandler>;
  clock: () => Date;
  /** How long a claim lasts before another drain may take the job again (crash recovery). Default 2 min. */
  leaseMs?: number;
  /** Jobs claimed, and run concurrently, per round. Default 10. */
  batch?: number;
  /**
   * A pause after each round that ran jobs, so another connection waiting for SQLite's write lock gets it
   * (its busy handler sleeps and retries; a worker grinding a backlog would otherwise win every race).
   * The job thread uses it; 0 (the default) runs rounds back to back.
   */
  pauseMs?: number;
  log: Logger;
}

export interface Worker {
  /** Asks for a drain now; never throws. During a drain it joins it (which still claims what is now due). */
  wake(): void;
  /** Runs due jobs until none is due; resolves with how many ran. Joins the drain already running, if any. */
  drain(): Promise<number>;
  /** Stops claiming and waits for the jobs in flight. */
  stop(): Promise<void>;
}

/** A RetryLater never reschedules sooner than this, so a handler cannot make the drain spin. */
export const MIN_RETRY_DELAY_MS = 1_000;

/**
 * The job runner: claims due rows, runs their handlers, records the outcome. One drain at a time per worker;
 * the jobs table is the only store, so a crash loses nothing (an expired lease makes the job claimable again).
 */
export function createWorker(opts: WorkerOptions): Worker {
  const { database, handlers, clock, log } = opts;
  const db = database.db;
  const leaseMs = opts.leaseMs ?? 120_000;
  const batch = opts.batch ?? 10;

  let running: Promise<number> | null = null;
  let stopped = false;

  async function runJob(job: ClaimedJob, claimedAt: Date): Promise<void> {
    const jobLog = log.child({ jobId: job.id, kind: job.kind, attempt: job.attempt });
    const guard = { attempt: job.attempt };
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    let failure: unknown = null;
    try {
      if (handler === undefined) throw new Error(`no handler registered for job kind "${job.kind}"`);
      await handler(job.payload, { jobId: job.id, attempt: job.attempt, now: claimedAt });
    } catch (err) {
      failure = err ?? new Error('handler threw a nullish value');
    }
    recordJobRun(
      job.kind,
      job.runAt,
      claimedAt,
      failure === null ? 'done' : failure instanceof RetryLater ? 'retry_later' : 'failed',
    );

    // The outcome is written with its own guard: a database error here must not stop the other jobs. If it
    // is lost the lease expires and the job runs again (at-least-once), which handlers must tolerate.
    try {
      const now = clock();
      if (failure === null) {
        if (!complete(db, job.id, { ...guard, now })) jobLog.warn('job finished after its claim was lost');
        else jobLog.debug('job done');
      } else if (failure instanceof RetryLater) {
        const at = new Date(Math.max(failure.at.getTime(), now.getTime() + MIN_RETRY_DELAY_MS));
        retryAfter(db, job.id, at, { ...guard, now });
        jobLog.info('job rescheduled', { runAt: at.toISOString() });
      } else {
        const error = safeErrorText(failure);
        const outcome = fail(db, job.id, error, now, guard);
        if (outcome?.status === 'dead') jobLog.error('job dead after its last attempt', { error });
        else if (outcome !== null)
          jobLog.warn('job failed, will retry', { error, runAt: outcome.runAt.toISOString() });
        else jobLog.warn('job failed after its claim was lost', { error });
      }
    } catch (err) {
      jobLog.error('could not record the job outcome', { error: safeErrorText(err) });
    }
  }

  // Claims until a claim comes back empty. That last claim always follows every wake and drain() call made
  // while the drain ran (the only awaits are the handlers), so a job enqueued during a drain is run by it.
  async function loop(): Promise<number> {
    let ran = 0;
    // Yield first: drain() must store this promise in `running` before the `finally` below can clear it,
    // which would otherwise happen synchronously when nothing is due.
    await Promise.resolve();
    try {
      while (!stopped) {
        const now = clock();
        const claimed = claimDue(db, now, { leaseMs, limit: batch });
        if (claimed.length === 0) break;
        await Promise.all(claimed.map((job) => runJob(job, now)));
        ran += claimed.length;
        if (opts.pauseMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs));
      }
      return ran;
    } finally {
      // Cleared in the same tick as the last (empty) claim, so no wake can slip in between and be lost.
      running = null;
    }
  }

  function drain(): Promise<number> {
    if (stopped) return Promise.resolve(0);
    running ??= loop();
    return running;
  }

  return {
    wake() {
      if (stopped) return;
      drain().catch((err: unknown) => log.error('job drain failed', { error: safeErrorText(err) }));
    },
    drain,
    async stop() {
      stopped = true;
      await running?.catch(() => undefined);
    },
  };
}
