import type { ChatPlatform } from '../../db/card-posts-repo.ts';
import { METRICS_WINDOWS, type MetricsQuery, periodFor } from '../../domain/metrics/period.ts';
import { enqueue } from '../../jobs/queue.ts';
import type { Logger } from '../../log.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { createExportJobHandlers } from '../export/export-jobs.ts';
import type { JobHandler } from '../jobs/handlers.ts';
import type { ChatSurface } from '../ports.ts';
import { createDigestJobHandlers } from './digest.ts';
import type { MetricsDestination } from './metrics-message.ts';
import { metricsMessage } from './metrics-message-builder.ts';
import { metricsForPeriod } from './metrics-report.ts';
import { appMetricsSources, type MetricsSources } from './metrics-sources.ts';

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

export function createMetricsJobHandlers(
  ctx: AppContext,
  surfaces: readonly ChatSurface[],
  log: Logger,
  sources: MetricsSources = appMetricsSources(ctx),
  publicUrl: string | null = null,
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
  return {
    [METRICS_JOB.report]: report,
    ...createDigestJobHandlers(ctx, surfaces, log, sources),
    ...createExportJobHandlers(ctx, surfaces, log, publicUrl),
  } satisfies Record<string, JobHandler>;
}
