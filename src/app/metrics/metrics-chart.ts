import type { RenderedChart } from '../../charts/render-chart.ts';
import { trendChartOption } from '../../charts/trend-chart.ts';
import type { MetricsReport } from '../../domain/metrics/report.ts';

export const TREND_CHART_TITLE = 'Changes by outcome per week';

/** The subtitle names what the chart covers, e.g. "Last 30 days · web". */
export const scopeLabel = (days: number, service: string | null): string =>
  `Last ${days} days · ${service ?? 'all services'}`;

/**
 * The weekly trend of a report as a PNG (and its SVG), titled with what it covers. The chart libraries (about
 * 80 MB resident once loaded) are imported on the first chart, so a process that never draws one never pays.
 */
export async function renderTrendChart(report: MetricsReport, timezone: string): Promise<RenderedChart> {
  const { renderChart } = await import('../../charts/render-chart.ts');
  const days = Math.round((report.period.to.getTime() - report.period.from.getTime()) / 86_400_000);
  return renderChart(
    trendChartOption({
      title: TREND_CHART_TITLE,
      subtitle: scopeLabel(days, report.filter.service ?? null),
      weeks: report.trend,
      timezone,
    }),
  );
}
