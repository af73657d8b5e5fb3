import type { OpsObservation } from './ops-metrics.ts';

/** How long an observation may wait in the job thread; Prometheus scrapes every 15 s or more. */
export const OPS_FLUSH_MS = 1_000;
/** A batch this large goes at once, so a backlog of jobs cannot hold an unbounded array. */
export const OPS_BATCH_MAX = 500;

export interface OpsBatch {
  add(observation: OpsObservation): void;
  /** Sends what waits now (before a "drained" answer, and when the thread stops). */
  flush(): void;
}

/**
 * Collects the job thread's observations and sends them in one message a second. One message per job run
 * woke the ack thread two or three times per vote (issue 7: each wake is a context switch on the thread
 * that must answer Slack, and an ack arriving meanwhile waits for it).
 */
export function createOpsBatch(
  send: (observations: readonly OpsObservation[]) => void,
  opts: { flushMs?: number; max?: number } = {},
): OpsBatch {
  const flushMs = opts.flushMs ?? OPS_FLUSH_MS;
  const max = opts.max ?? OPS_BATCH_MAX;
  let pending: OpsObservation[] = [];
  let timer: NodeJS.Timeout | null = null;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    send(batch);
  }

  return {
    add(observation) {
      pending.push(observation);
      if (pending.length >= max) return flush();
      if (!timer) {
        timer = setTimeout(flush, flushMs);
        // A batch waiting to go must not keep a stopping thread alive: stop flushes it explicitly.
        timer.unref();
      }
    },
    flush,
  };
}
