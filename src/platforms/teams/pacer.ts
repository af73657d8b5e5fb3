import { RetryLater } from '../../jobs/retry-later.ts';

export interface RateWindow {
  readonly limit: number;
  readonly ms: number;
}

/** Teams' documented per-bot, per-conversation limits for sending and updating messages. */
export const TEAMS_CONVERSATION_LIMITS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

export interface PacerOptions {
  readonly windows?: readonly RateWindow[];
  /** Wall-clock milliseconds (rate limits are about real time, not the app's business clock). */
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** A send that would wait longer than this is not held: the job is rescheduled (RetryLater) instead. */
  readonly maxWaitMs?: number;
  /** The business clock, to date a RetryLater in the job table's terms. */
  readonly clock?: () => Date;
}

export interface Pacer {
  /** Waits for a slot in this conversation's windows, then counts the send; throws RetryLater if the wait is long. */
  acquire(conversationId: string): Promise<void>;
  /** How long a send to this conversation would wait now (for tests and logs). */
  delayFor(conversationId: string): number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Keeps the bot under Teams' per-conversation limits (7 a second, 8 in 2 s, 60 in 30 s, 1,800 an hour), so a
 * burst of card refreshes is spread out instead of answered with 429s. Each send reserves the earliest slot
 * that fits every window, so concurrent sends to one conversation queue in order.
 */
export function createPacer(opts: PacerOptions = {}): Pacer {
  const windows = opts.windows ?? TEAMS_CONVERSATION_LIMITS;
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const maxWaitMs = opts.maxWaitMs ?? 5_000;
  const clock = opts.clock ?? (() => new Date());
  const longest = Math.max(...windows.map((w) => w.ms));
  /** The long-run interval between sends (the slowest window's), for a wait no single window explains. */
  const fallbackSpacing = Math.max(...windows.map((w) => w.ms / w.limit));
  /** Per conversation: the times of recent (and reserved) sends, ascending. */
  const sent = new Map<string, number[]>();

  /** Per conversation: the latest retry time handed out to a send that was not held (see `acquire`). */
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

  function recent(conversationId: string, at: number): number[] {
    const times = (sent.get(conversationId) ?? []).filter((t) => t > at - longest);
    sent.set(conversationId, times);
    return times;
  }

  return {
    delayFor(conversationId) {
      const at = now();
      return slotFor(recent(conversationId, at), at).slot - at;
    },
    async acquire(conversationId) {
      const at = now();
      const times = recent(conversationId, at);
      const { slot, binding } = slotFor(times, at);
      const wait = slot - at;
      if (wait > maxWaitMs) {
        // Not held: the job comes back later. Sends turned away together must not all come back at the same
        // instant (a herd that only the first few get through, every time): each one is handed the next
        // place, one window interval after the last one given out, so they return at the pace the window admits.
        const spacing = binding ? binding.ms / binding.limit : fallbackSpacing;
        const last = deferredUntil.get(conversationId);
        const retryAt = last === undefined ? slot : Math.max(slot, last + spacing);
        deferredUntil.set(conversationId, retryAt);
        if (deferredUntil.size > 1000)
          for (const [c, t] of deferredUntil) if (t <= at) deferredUntil.delete(c);
        throw new RetryLater(
          new Date(clock().getTime() + (retryAt - at)),
          `Teams rate limit for ${conversationId}`,
        );
      }
      times.push(slot);
      if (wait > 0) await sleep(wait);
    },
  };
}
