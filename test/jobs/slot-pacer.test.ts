import { describe, expect, it } from 'vitest';
import { createSlotPacer } from '../../src/jobs/slot-pacer.ts';

describe('the slot pacer', () => {
  it('hands out a burst at once, then one slot per interval, reserving each', () => {
    const pacer = createSlotPacer({ burst: 3, intervalMs: 600 });
    const slots = Array.from({ length: 6 }, () => pacer.reserve('home', 1_000));
    expect(slots).toEqual([1_000, 1_000, 1_000, 1_600, 2_200, 2_800]);
  });

  it('keeps keys apart and refills after a quiet spell', () => {
    const pacer = createSlotPacer({ burst: 2, intervalMs: 1_000 });
    expect([pacer.reserve('a', 0), pacer.reserve('a', 0), pacer.reserve('a', 0)]).toEqual([0, 0, 1_000]);
    expect(pacer.reserve('b', 0)).toBe(0);
    expect([pacer.reserve('a', 10_000), pacer.reserve('a', 10_000)]).toEqual([10_000, 10_000]);
  });
});
