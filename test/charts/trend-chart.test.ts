import { describe, expect, it } from 'vitest';
import { renderTrendChart, TREND_CHART_TITLE } from '../../src/app/metrics/metrics-chart.ts';
import { renderChart } from '../../src/charts/render-chart.ts';
import { trendChartOption } from '../../src/charts/trend-chart.ts';
import { computeMetrics } from '../../src/domain/metrics/report.ts';
import { CHANGES, TWO_WEEKS } from '../domain/metrics/metrics-fixtures.ts';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const report = computeMetrics(
  { changes: CHANGES, releases: null, unregisteredChanges: null, audit: null },
  TWO_WEEKS,
  {},
);

describe('the weekly trend chart', () => {
  it('renders a PNG of the expected size, with its title, axes and legend in the SVG', async () => {
    const chart = await renderTrendChart(report, 'UTC');
    expect(pngSize(chart.png)).toEqual({ width: 800, height: 450 });
    expect(chart.png.length).toBeGreaterThan(5_000);
    const texts = [...chart.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toEqual(
      expect.arrayContaining([
        TREND_CHART_TITLE,
        'Last 14 days · all services',
        'Week starting',
        'Changes completed',
        'Success rate (%)',
        'Successful',
        'With issues',
        'Failed',
        'Rolled back',
        'Success rate',
        '23 Feb',
        '2 Mar',
      ]),
    );
  });

  it('draws the outcome bars and a rate line with a gap for a week with nothing completed', () => {
    const option = trendChartOption({ title: 't', subtitle: 's', weeks: report.trend, timezone: 'UTC' });
    const series = option.series as { name: string; data: unknown[] }[];
    expect(series.map((s) => [s.name, s.data])).toEqual([
      ['Successful', [2, 0]],
      ['With issues', [1, 0]],
      ['Failed', [0, 1]],
      ['Rolled back', [0, 1]],
      ['Success rate', [100, 0]],
    ]);
    const empty = { ...report.trend[0]!, successRate: { numerator: 0, denominator: 0, value: null } };
    const gap = trendChartOption({ title: 't', subtitle: 's', weeks: [empty], timezone: 'UTC' });
    expect((gap.series as { data: unknown[] }[])[4]?.data).toEqual(['-']);
  });

  it('renders at another size and for a period with no weeks', async () => {
    const chart = await renderChart(
      trendChartOption({ title: 'Empty', subtitle: '', weeks: [], timezone: 'UTC' }),
      { width: 400, height: 300 },
    );
    expect(pngSize(chart.png)).toEqual({ width: 400, height: 300 });
    expect(chart.svg).toContain('>Empty</text>');
  });
});
