import type { ChatPlatform } from '../../db/card-posts-repo.ts';
import { metricsView } from '../../domain/metrics/metrics-view.ts';
import { METRICS_WINDOWS, type MetricsQuery, periodFor } from '../../domain/metrics/period.ts';
import type { MetricsReport } from '../../domain/metrics/report.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { ChatSurface } from '../ports.ts';
import type { MetricsDestination, MetricsMessage } from './metrics-message.ts';
import { metricsForPeriod } from './metrics-report.ts';
import { type MetricsSources, sqliteMetricsSources } from './metrics-sources.ts';

/** The metrics context's job kinds, registered beside the outbox's in src/app/jobs/handlers.ts. */
export const METRICS_JOB = {
  /** Compute and send the figures and chart someone asked for. */
  report: 'metrics.report',
} as const;

export interface MetricsReportPayload {
  readonly platform: ChatPlatform;
  readonly personId: number;
  /** A Teams conversation (or Slack channel) to answer in; null sends a direct message to the person. */
  readonly conversationId: string | null;
  readonly window: MetricsQuery['window'];
  readonly service: string | null;
  /** When they asked: the period ends there, so a retried job sends the same figures. */
  readonly askedAt: number;
}

/**
 * A request for metrics is a job: the ack path only writes this row; the figures, the chart and the upload
 * run in the worker.
 */
export function requestMetrics(
  ctx: AppContext,
  actor: Actor & { platform: ChatPlatform },
  query: MetricsQuery,
  conversationId: string | null,
): void {
  const now = ctx.clock();
  inTransaction(ctx, () => {
    enqueue(
      ctx.database.db,
      {
        kind: METRICS_JOB.report,
        payload: {
          platform: actor.platform,
          personId: actor.person.id,
          conversationId,
          window: query.window,
          service: query.service,
          askedAt: now.getTime(),
        } satisfies MetricsReportPayload,
        runAt: now,
      },
      { now },
    );
  });
}

const boardNames = (policy: Policy): Record<string, string> =>
  Object.fromEntries(policy.boards.map((b) => [b.id, b.name]));

/** The figures and chart of a report, as one platform-neutral message. */
export async function metricsMessage(
  ctx: AppContext,
  report: MetricsReport,
  title: string,
): Promise<MetricsMessage> {
  // Loaded on first use: ECharts and the resvg binding stay out of start-up and of the ack path's process work.
  const { renderTrendChart, scopeLabel, TREND_CHART_TITLE } = await import('./metrics-chart.ts');
  const days = Math.round((report.period.to.getTime() - report.period.from.getTime()) / 86_400_000);
  const scope = scopeLabel(days, report.filter.service ?? null);
  const chart = renderTrendChart(report, ctx.policy.defaults.timezone);
  return {
    view: metricsView(report, { title, scope, boardNames: boardNames(ctx.policy) }),
    chart: {
      png: chart.png,
      filename: `changeboard-metrics-${days}d.png`,
      altText: `${TREND_CHART_TITLE}, ${scope}`,
    },
  };
}

export function createMetricsJobHandlers(
  ctx: AppContext,
  surfaces: readonly ChatSurface[],
  log: Logger,
  sources: MetricsSources = sqliteMetricsSources(ctx.database),
) {
  const report: JobHandler = async (payload) => {
    const p = payload as MetricsReportPayload;
    const person = ctx.repos.people.get(p.personId);
    const surface = surfaces.find((s) => s.platform === p.platform);
    if (!person || !surface?.postMetrics || !METRICS_WINDOWS.includes(p.window)) {
      log.warn('a metrics request cannot be answered', { platform: p.platform, personId: p.personId });
      return;
    }
    const figures = metricsForPeriod(sources, periodFor(p.window, new Date(p.askedAt)), p.service);
    const to: MetricsDestination = p.conversationId === null ? { person } : { channel: p.conversationId };
    await surface.postMetrics(to, await metricsMessage(ctx, figures, 'Change metrics'));
  };
  return { [METRICS_JOB.report]: report } satisfies Record<string, JobHandler>;
}
