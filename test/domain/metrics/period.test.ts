import { describe, expect, it } from 'vitest';
import { parseMetricsQuery, periodFor } from '../../../src/domain/metrics/period.ts';

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
