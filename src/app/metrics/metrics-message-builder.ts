import { metricsView } from '../../domain/metrics/metrics-view.ts';
import type { MetricsReport } from '../../domain/metrics/report.ts';
import type { Policy } from '../../domain/policy/types.ts';
import type { AppContext } from '../context.ts';
import type { MetricsMessage } from './metrics-message.ts';

const boardNames = (policy: Policy): Record<string, string> =>
  Object.fromEntries(policy.boards.map((b) => [b.id, b.name]));

/**
 * The figures and chart of a report, as one platform-neutral message (the chart is rendered here). The
 * chart's weeks are read in `timeZone`: the digest's own, else the policy's default.
 */
export async function metricsMessage(
  ctx: AppContext,
  report: MetricsReport,
  title: string,
  timeZone: string = ctx.policy.defaults.timezone,
): Promise<MetricsMessage> {
  // Loaded on first use: ECharts and the resvg binding stay out of start-up and of the ack path's process work.
  const { renderTrendChart, scopeLabel, TREND_CHART_TITLE } = await import('./metrics-chart.ts');
  const days = Math.round((report.period.to.getTime() - report.period.from.getTime()) / 86_400_000);
  const scope = scopeLabel(days, report.filter.service ?? null);
  const chart = await renderTrendChart(report, timeZone);
  return {
    view: metricsView(report, { title, scope, boardNames: boardNames(ctx.policy) }),
    chart: {
      png: chart.png,
      filename: `changeboard-metrics-${days}d.png`,
      altText: `${TREND_CHART_TITLE}, ${scope}`,
    },
  };
}
