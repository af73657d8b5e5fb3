import { createSlotPacer, type Pace } from '../../jobs/slot-pacer.ts';

/**
 * Keeps posting to one channel near Slack's pace (about one message a second per channel, short bursts
 * allowed): a token bucket per channel. `take` resolves when a post may go out; the wait is in memory only,
 * which is fine because a waiting job still holds its lease, and a restart simply starts with full buckets.
 */
export interface Pacer {
  take(channel: string): Promise<void>;
}

export interface PacerOptions extends Pace {
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createPacer(opts: PacerOptions): Pacer {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const slots = createSlotPacer(opts);
  return {
    async take(channel) {
      const t = now();
      // Reserved synchronously, so concurrent posts to one channel queue up in order instead of bursting.
      const wait = slots.reserve(channel, t) - t;
      if (wait > 0) await sleep(wait);
    },
  };
}
