import { describe, expect, it } from 'vitest';
import { createPacer } from '../../../src/platforms/slack/pacer.ts';

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
}

describe('the per-channel pacer', () => {
  it('lets a burst of three through, then spaces posts one second apart', async () => {
    const t = fakeTime();
    const pacer = createPacer({ burst: 3, intervalMs: 1000, now: t.now, sleep: t.sleep });
    for (let i = 0; i < 5; i++) await pacer.take('CCAB');
    expect(t.sleeps).toEqual([1000, 2000]);
  });

  it('keeps channels apart', async () => {
    const t = fakeTime();
    const pacer = createPacer({ burst: 1, intervalMs: 1000, now: t.now, sleep: t.sleep });
    await pacer.take('CCAB');
    await pacer.take('CECAB');
    expect(t.sleeps).toEqual([]);
    await pacer.take('CCAB');
    expect(t.sleeps).toEqual([1000]);
  });

  it('refills after a quiet spell', async () => {
    const t = fakeTime();
    const pacer = createPacer({ burst: 2, intervalMs: 1000, now: t.now, sleep: t.sleep });
    await pacer.take('C');
    await pacer.take('C');
    t.advance(5000);
    await pacer.take('C');
    await pacer.take('C');
    expect(t.sleeps).toEqual([]);
    await pacer.take('C');
    expect(t.sleeps).toEqual([1000]);
  });
});
