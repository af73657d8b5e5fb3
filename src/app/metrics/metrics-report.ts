import { type MetricsQuery, periodFor } from '../../domain/metrics/period.ts';
import { computeMetrics, type MetricsReport } from '../../domain/metrics/report.ts';
import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import type { AppContext } from '../context.ts';
import { loadMetricsInput, type MetricsSources } from './metrics-sources.ts';

/** Computes the report for an explicit period (the digest, the export) from the sources this build has. */
export function metricsForPeriod(
  sources: MetricsSources,
  period: MetricsPeriod,
  service: string | null,
): MetricsReport {
  return computeMetrics(loadMetricsInput(sources, period), period, service === null ? {} : { service });
}

/** Computes the report a change manager asked for ("30d web"), ending now. Read-only: no transaction needed. */
export function metricsForQuery(
  ctx: AppContext,
  sources: MetricsSources,
  query: MetricsQuery,
): MetricsReport {
  return metricsForPeriod(sources, periodFor(query.window, ctx.clock()), query.service);
}
