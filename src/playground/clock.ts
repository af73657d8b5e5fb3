/** The playground's clock: real time plus however far the visitor has travelled forward. */
export interface PlaygroundClock {
  readonly now: () => Date;
  /** Moves the clock forward; returns the new time. Time never goes back (jobs would run twice). */
  advance(ms: number): Date;
  /** How far ahead of real time the clock is, in milliseconds. */
  offsetMs(): number;
}

export function createPlaygroundClock(
  opts: { real?: () => number; offsetMs?: number; onMove?: (offsetMs: number) => void } = {},
): PlaygroundClock {
  const real = opts.real ?? Date.now;
  let offset = Math.max(0, opts.offsetMs ?? 0);
  return {
    now: () => new Date(real() + offset),
    advance(ms) {
      if (!Number.isFinite(ms) || ms <= 0) throw new RangeError('the clock only moves forward');
      offset += ms;
      opts.onMove?.(offset);
      return new Date(real() + offset);
    },
    offsetMs: () => offset,
  };
}
