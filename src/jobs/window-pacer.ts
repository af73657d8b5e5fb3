import { RetryLater } from './retry-later.ts';

export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

export interface WindowPacerOptions {
  readonly windows: readonly RateWindow[];
  /** Names the limit in a RetryLater's message, e.g. "Teams rate limit". */
  readonly label: string;
  /** Wall-clock milliseconds (rate limits are about real time, not the app's business clock). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A send that would wait longer than this is not held: the job is rescheduled (RetryLater) instead. */
  readonly maxWaitMs?: number;
  /** The business clock, to date a RetryLater in the job table's terms. */
  readonly clock?: () => Date;
}

export interface WindowPacer {
  /** Waits for a slot in this key's windows, then counts the send; throws RetryLater if the wait is long. */
  acquire(key: string): Promise<void>;
  /** How long a send for this key would wait now (for tests and logs). */
  delayFor(key: string): number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps sends under a platform's sliding-window limits per key (a conversation, a method), so a burst of card
 * refreshes is spread out instead of answered with 429s. Each send reserves the earliest slot that fits every
 * window, so concurrent sends for one key queue in order; a send that would wait long is turned away
 * (RetryLater) and told when to come back.
 */
export function createWindowPacer(opts: WindowPacerOptions): WindowPacer {
  const { windows } = opts;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const maxWaitMs = opts.maxWaitMs ?? 5_000;
  const clock = opts.clock ?? (() => new Date());
  const longest = Math.max(...windows.map((w) => w.ms));
  /** The long-run interval between sends (the slowest window's), for a wait no single window explains. */
  const fallbackSpacing = Math.max(...windows.map((w) => w.ms / w.limit));
  /** Per key: the times of recent (and reserved) sends, ascending. */
  const sent = new Map<string, number[]>();

  /** Per key: the latest retry time handed out to a send that was not held (see `acquire`). */
  const deferredUntil = new Map<string, number>();

  /** The earliest slot that fits every window, and the window that set it (null: the send may go now). */
  function slotFor(times: readonly number[], at: number): { slot: number; binding: RateWindow | null } {
    // First in, first out: never before a slot already reserved, so only windows ending at `slot` need checking.
    let slot = Math.max(at, times.at(-1) ?? at);
    let binding: RateWindow | null = null;
    for (let moved = true; moved; ) {
      moved = false;
      for (const w of windows) {
        const inWindow = times.filter((t) => t > slot - w.ms);
        if (inWindow.length >= w.limit) {
          // The send that must leave the window first: the limit-th most recent one.
          const next = inWindow[inWindow.length - w.limit]! + w.ms;
          if (next > slot) {
            slot = next;
            binding = w;
            moved = true;
          }
        }
      }
    }
    return { slot, binding };
  }

  function recent(key: string, at: number): number[] {
    const times = (sent.get(key) ?? []).filter((t) => t > at - longest);
    sent.set(key, times);
    return times;
  }

  return {
    delayFor(key) {
      const at = now();
      return slotFor(recent(key, at), at).slot - at;
    },
    async acquire(key) {
      const at = now();
      const times = recent(key, at);
      const { slot, binding } = slotFor(times, at);
      const wait = slot - at;
      if (wait > maxWaitMs) {
        // Not held: the job comes back later. Sends turned away together must not all come back at the same
        // instant (a herd that only the first few get through, every time): each one is handed the next
        // place, one window interval after the last one given out, so they return at the pace the window admits.
        const spacing = binding ? binding.ms / binding.limit : fallbackSpacing;
        const last = deferredUntil.get(key);
        const retryAt = last === undefined ? slot : Math.max(slot, last + spacing);
        deferredUntil.set(key, retryAt);
        if (deferredUntil.size > 1000)
          for (const [c, t] of deferredUntil) if (t <= at) deferredUntil.delete(c);
        throw new RetryLater(new Date(clock().getTime() + (retryAt - at)), `${opts.label} for ${key}`);
      }
      times.push(slot);
      if (wait > 0) await sleep(wait);
    },
  };
}
