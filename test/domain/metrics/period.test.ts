import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { parseMetricsQuery, periodFor, periodOnWallClock } from '../../../src/domain/metrics/period.ts';

describe('the metrics query', () => {
  it('defaults to the last 30 days of every service', () => {
    expect(parseMetricsQuery([], ['web'])).toEqual({ ok: true, value: { window: '30d', service: null } });
  });

  it('reads a window and a service in either order', () => {
    expect(parseMetricsQuery(['web', '7D'], ['web'])).toEqual({
      ok: true,
      value: { window: '7d', service: 'web' },
    });
    expect(parseMetricsQuery(['90d'], [])).toEqual({ ok: true, value: { window: '90d', service: null } });
  });

  it('refuses an unknown word and names the services', () => {
    expect(parseMetricsQuery(['12d'], ['web', 'api'])).toEqual({
      ok: false,
      error: {
        code: 'bad_metrics_query',
        message: '"12d" is neither 7d, 30d, 90d nor a service id. Services: web, api.',
      },
    });
  });

  it('ends the period now', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(periodFor('7d', now)).toEqual({ from: new Date('2026-03-24T12:00:00Z'), to: now });
  });
});

describe('periodOnWallClock (the scheduled digest)', () => {
  // Weekly digests on Mondays at 09:00 Europe/Berlin, across both of 2026's clock changes.
  const digest = { cron: '0 9 * * 1', timezone: 'Europe/Berlin' };
  const occurrences = (from: string, n: number): Date[] => {
    const out: Date[] = [];
    let after = new Date(from);
    for (let i = 0; i < n; i++) {
      after = new Cron(digest.cron, { timezone: digest.timezone, paused: true }).nextRun(after)!;
      out.push(after);
    }
    return out;
  };

  it.each([
    ['spring', '2026-03-16T00:00:00Z'],
    ['autumn', '2026-10-19T00:00:00Z'],
  ])(
    'tiles consecutive weeks across the %s change: each starts where the one before ended',
    (_when, from) => {
      const fires = occurrences(from, 3);
      for (let i = 1; i < fires.length; i++) {
        expect(periodOnWallClock('7d', fires[i]!, digest.timezone).from.toISOString()).toBe(
          fires[i - 1]!.toISOString(),
        );
      }
    },
  );

  it('is 7 × 24 hours in a week without a change', () => {
    const end = new Date('2026-06-08T07:00:00Z');
    expect(periodOnWallClock('7d', end, 'Europe/Berlin').from.toISOString()).toBe('2026-06-01T07:00:00.000Z');
  });
});
