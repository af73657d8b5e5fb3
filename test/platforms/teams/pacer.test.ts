import { describe, expect, it } from 'vitest';
import { RetryLater } from '../../../src/jobs/retry-later.ts';
import { createPacer } from '../../../src/platforms/teams/pacer.ts';

/** A pacer on a fake clock: sleeping advances the clock, and every wait is recorded. */
function pacedClock(maxWaitMs = 60_000) {
  let now = 0;
  const waits: number[] = [];
  const pacer = createPacer({
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
      now += ms;
    },
    maxWaitMs,
    clock: () => new Date(now),
  });
  return { pacer, waits, advance: (ms: number) => (now += ms) };
}

describe('the Teams pacer', () => {
  it('lets seven messages a second through to one conversation and holds the eighth', async () => {
    const { pacer, waits } = pacedClock();
    for (let i = 0; i < 7; i++) await pacer.acquire('conv-a');
    expect(waits).toEqual([]);
    await pacer.acquire('conv-a');
    expect(waits).toEqual([1000]);
  });

  it('holds the ninth message of two seconds back to respect 8 per 2 s', async () => {
    const { pacer, waits } = pacedClock();
    for (let i = 0; i < 9; i++) await pacer.acquire('conv-a');
    // The 8th waits for the 1 s window, the 9th for the 2 s window opened by the first send.
    expect(waits).toEqual([1000, 1000]);
  });

  it('paces each conversation on its own', async () => {
    const { pacer, waits } = pacedClock();
    for (let i = 0; i < 7; i++) await pacer.acquire('conv-a');
    for (let i = 0; i < 7; i++) await pacer.acquire('conv-b');
    expect(waits).toEqual([]);
  });

  it('reschedules the job instead of holding it when the wait would be long', async () => {
    const { pacer } = pacedClock(5_000);
    for (let i = 0; i < 60; i++) await pacer.acquire('conv-a');
    expect(pacer.delayFor('conv-a')).toBeGreaterThan(5_000);
    await expect(pacer.acquire('conv-a')).rejects.toBeInstanceOf(RetryLater);
  });

  it('forgets sends once they leave every window', async () => {
    const { pacer, advance } = pacedClock();
    for (let i = 0; i < 8; i++) await pacer.acquire('conv-a');
    advance(3_600_000);
    expect(pacer.delayFor('conv-a')).toBe(0);
  });
});

describe('sends the Teams pacer turns away', () => {
  /** The retry time of a send turned away, in ms of the fake clock. */
  async function retryAt(pacer: ReturnType<typeof pacedClock>['pacer'], conversation: string) {
    const error = await pacer.acquire(conversation).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RetryLater);
    return (error as RetryLater).at.getTime();
  }

  it('come back one window interval apart, not all at the same instant', async () => {
    const { pacer, advance } = pacedClock(5_000);
    for (let i = 0; i < 60; i++) await pacer.acquire('conv-a');
    // The 30-second window is full until the first send (at 0) leaves it: the first send turned away gets
    // that slot, each later one the place after the last, at that window's pace (60 in 30 s: every 500 ms).
    const free = advance(0) + pacer.delayFor('conv-a');
    expect(free).toBe(30_000);
    const turnedAway = [];
    for (let i = 0; i < 4; i++) turnedAway.push(await retryAt(pacer, 'conv-a'));
    expect(turnedAway).toEqual([30_000, 30_500, 31_000, 31_500]);
    // Another conversation has its own queue.
    for (let i = 0; i < 60; i++) await pacer.acquire('conv-b');
    const freeB = advance(0) + pacer.delayFor('conv-b');
    expect(await retryAt(pacer, 'conv-b')).toBe(freeB);
  });

  it('start from the free slot again once the earlier ones are due', async () => {
    const { pacer, advance } = pacedClock(5_000);
    for (let i = 0; i < 60; i++) await pacer.acquire('conv-a');
    await retryAt(pacer, 'conv-a');
    await retryAt(pacer, 'conv-a');
    // An hour later every window is empty: sends go at once, and the turned-away queue no longer counts.
    advance(3_600_000);
    for (let i = 0; i < 60; i++) await pacer.acquire('conv-a');
    const free = advance(0) + pacer.delayFor('conv-a');
    expect(await retryAt(pacer, 'conv-a')).toBe(free);
  });
});
