import cron from 'node-cron';
import type { Worker } from './worker.ts';

/** Every 15 seconds: how late a reminder may be sent, at worst. */
export const DEFAULT_HEARTBEAT = '*/15 * * * * *';

/** The part of node-cron the heartbeat uses; tests pass their own to fire beats without waiting. */
export type Scheduler = (expression: string, beat: () => void) => { destroy(): void | Promise<void> };

const nodeCronScheduler: Scheduler = (expression, beat) =>
  cron.schedule(expression, beat, {
    name: 'jobs-heartbeat',
    // A missed beat is harmless (the next one claims the same rows), so no warning for it.
    suppressMissedWarning: true,
  });

/**
 * The cron heartbeat over the jobs table: each beat only wakes the worker, which claims whatever rows are due.
 * node-cron keeps nothing, so a restart loses nothing. It also wakes the worker at once: the boot catch-up
 * that runs, once, every job that came due while the process was down.
 */
export function startHeartbeat(
  worker: Pick<Worker, 'wake'>,
  opts: { cron?: string; schedule?: Scheduler } = {},
): { stop(): void } {
  const expression = opts.cron ?? DEFAULT_HEARTBEAT;
  if (!cron.validate(expression)) throw new Error(`invalid heartbeat cron expression: ${expression}`);
  const task = (opts.schedule ?? nodeCronScheduler)(expression, () => worker.wake());
  worker.wake();
  return {
    stop() {
      Promise.resolve(task.destroy()).catch(() => undefined);
    },
  };
}
