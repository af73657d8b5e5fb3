/**
 * Keeps posting to one channel near Slack's pace (about one message a second per channel, short bursts
 * allowed): a token bucket per channel. `take` resolves when a post may go out; the wait is in memory only,
 * which is fine because a waiting job still holds its lease, and a restart simply starts with full buckets.
 */
export interface Pacer {
  take(channel: string): Promise<void>;
}

export interface PacerOptions {
  /** Posts allowed at once after a quiet spell. */
  readonly burst: number;
  /** Milliseconds per post, on average. */
  readonly intervalMs: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GCRA, the usual token-bucket formulation: one "theoretical arrival time" per channel is all the state. */
export function createPacer(opts: PacerOptions): Pacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const tolerance = (opts.burst - 1) * opts.intervalMs;
  const arrival = new Map<string, number>();

  return {
    async take(channel) {
      const t = now();
      const tat = Math.max(arrival.get(channel) ?? t, t);
      // Reserved synchronously, so concurrent posts to one channel queue up in order instead of bursting.
      arrival.set(channel, tat + opts.intervalMs);
      const wait = tat - tolerance - t;
      if (arrival.size > 1000) for (const [c, at] of arrival) if (at <= t) arrival.delete(c);
      if (wait > 0) await sleep(wait);
    },
  };
}
