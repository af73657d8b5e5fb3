/** A rate as a token bucket: `burst` at once after a quiet spell, then one every `intervalMs` on average. */
export interface Pace {
  readonly burst: number;
  readonly intervalMs: number;
}

export interface SlotPacer {
  /** Reserves the next slot for `key` at or after `at` (ms since the epoch) and returns when it starts. */
  reserve(key: string, at: number): number;
}

/**
 * GCRA, the usual token-bucket formulation: one "theoretical arrival time" per key is all the state. A slot is
 * reserved when it is handed out, so callers asking together get successive slots instead of the same one.
 * In memory only: after a restart the buckets start full, which is what a quiet spell would give anyway.
 */
export function createSlotPacer(pace: Pace): SlotPacer {
  const tolerance = (pace.burst - 1) * pace.intervalMs;
  const arrival = new Map<string, number>();
  return {
    reserve(key, at) {
      const tat = Math.max(arrival.get(key) ?? at, at);
      arrival.set(key, tat + pace.intervalMs);
      if (arrival.size > 1000) for (const [k, t] of arrival) if (t <= at) arrival.delete(k);
      return Math.max(at, tat - tolerance);
    },
  };
}
