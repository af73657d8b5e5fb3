import { describe, expect, it } from 'vitest';
import { releaseFigures } from '../../../src/domain/metrics/release-metrics.ts';
import { at, P0, RELEASES, TWO_WEEKS } from './metrics-fixtures.ts';

describe('release metrics', () => {
  it('computes success rate, incidents, schedule adherence and throughput over the period', () => {
    expect(releaseFigures(RELEASES, TWO_WEEKS)).toEqual({
      // R1 and R3 of R1–R3 (R4 has not finished, R5 finished before the period).
      successRate: { numerator: 2, denominator: 3, value: 2 / 3 },
      withIncidents: { numerator: 2, denominator: 3, value: 2 / 3 },
      // R1, R3 and R4 started inside their window; R2 an hour late.
      scheduleAdherence: { numerator: 3, denominator: 4, value: 0.75 },
      // Two changes in R1 and three in R3, over two weeks.
      changesReleased: 5,
      changesPerWeek: 2.5,
    });
  });

  it('has no rates and no throughput in an empty period', () => {
    expect(releaseFigures(RELEASES, { from: P0, to: P0 })).toEqual({
      successRate: { numerator: 0, denominator: 0, value: null },
      withIncidents: { numerator: 0, denominator: 0, value: null },
      scheduleAdherence: { numerator: 0, denominator: 0, value: null },
      changesReleased: 0,
      changesPerWeek: null,
    });
  });

  it('reports zero throughput, not no data, for a quiet week', () => {
    expect(releaseFigures([], { from: at(0), to: at(168) }).changesPerWeek).toBe(0);
  });
});
