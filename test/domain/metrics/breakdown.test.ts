import { describe, expect, it } from 'vitest';
import { breakdown } from '../../../src/domain/metrics/breakdown.ts';
import { CHANGES, P0, TWO_WEEKS } from './metrics-fixtures.ts';

describe('breakdowns by service, board and model', () => {
  it('gives each service its volume and success rate', () => {
    expect(breakdown(CHANGES, TWO_WEEKS, 'service')).toEqual([
      // web: 1, 2, 4, 6, 8, 9 raised; 1, 2, 4, 7 completed (2 failed).
      { key: 'web', raised: 6, successRate: { numerator: 3, denominator: 4, value: 0.75 } },
      { key: 'api', raised: 2, successRate: { numerator: 0, denominator: 1, value: 0 } },
    ]);
  });

  it('gives each board and each model theirs; standard changes have no board', () => {
    expect(breakdown(CHANGES, TWO_WEEKS, 'board')).toEqual([
      { key: 'cab', raised: 6, successRate: { numerator: 2, denominator: 3, value: 2 / 3 } },
      { key: 'ecab', raised: 1, successRate: { numerator: 0, denominator: 1, value: 0 } },
    ]);
    expect(breakdown(CHANGES, TWO_WEEKS, 'model')).toEqual([
      { key: 'restart-service', raised: 1, successRate: { numerator: 1, denominator: 1, value: 1 } },
    ]);
  });

  it('is empty for an empty period', () => {
    expect(breakdown(CHANGES, { from: P0, to: P0 }, 'service')).toEqual([]);
    expect(breakdown([], TWO_WEEKS, 'board')).toEqual([]);
  });
});
