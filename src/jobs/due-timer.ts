import type { Database } from '../db/client.ts';
import { nextRunAt } from './queue.ts';
import type { Worker } from './worker.ts';

/** Never sleeps longer than this, so a job enqueued by another process is still picked up promptly. */
const MAX_SLEEP_MS = 15_000;
/**
 * After waking the worker, look again no sooner than this: a job already due that the worker has not claimed
 * yet (it is finishing a batch) would otherwise re-arm the timer at 0 ms, in a loop, until the batch ends.
 */
export const MIN_REARM_MS = 50;

export interface DueTimer {
  /** Looks at the earliest due job again (after a commit may have added an earlier one). */
  rearm(): void;
  stop(): void;
}

/**
 * Wakes the worker when the earliest job in the table comes due, so a release reminder planned for 10:00 is
 * sent within a second of 10:00 rather than at the next heartbeat. It keeps nothing itself: the jobs table
 * says when, and the heartbeat still beats underneath.
 */
export function startDueTimer(
  worker: Worker,
  database: Database,
  opts: { clock: () => Date; setTimer?: typeof setTimeout; clearTimer?: typeof clearTimeout },
): DueTimer {
  const setTimer = opts.setTimer ?? setTimeout;
  const clearTimer = opts.clearTimer ?? clearTimeout;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  function arm(justWoke = false): void {
    if (stopped) return;
    if (timer) clearTimer(timer);
    const next = nextRunAt(database.db);
    const wait = next === null ? MAX_SLEEP_MS : next.getTime() - opts.clock().getTime();
    timer = setTimer(
      () => {
        timer = null;
        worker.wake();
        arm(true);
      },
      Math.min(Math.max(wait, justWoke ? MIN_REARM_MS : 0), MAX_SLEEP_MS),
    );
    // A waiting timer must not keep the process alive on its own.
    timer.unref?.();
  }

  // A burst of commits (votes) re-arms once, after the current turn: never on the ack path itself.
  let pending = false;
  const rearmSoon = () => {
    if (pending || stopped) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      arm();
    });
  };

  arm();
  return {
    rearm: rearmSoon,
    stop() {
      stopped = true;
      if (timer) clearTimer(timer);
      timer = null;
    },
  };
}
