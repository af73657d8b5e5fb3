import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { AppContext } from '../context.ts';
import type { ReleaseFactsSource } from '../metrics/metrics-sources.ts';

/**
 * The release context's records for the metrics: every release started or finished in the period, with
 * its model's services, its window, when it really started and finished, its outcome, its changes and the
 * incidents recorded against them (successful release rate, incidents, schedule adherence, throughput).
 */
export function releaseMetricsSource(ctx: AppContext): ReleaseFactsSource {
  return {
    releaseFacts: (period) =>
      ctx.repos.releases.metricsRowsIn(period.from, period.to).map((r) => ({
        id: formatReleaseKey(r.id),
        services: (ctx.policy.releaseModels ?? []).find((m) => m.id === r.modelId)?.services ?? [],
        plannedStart: r.plannedStart,
        plannedEnd: r.plannedEnd,
        startedAt: r.startedAt,
        finishedAt: r.completedAt,
        outcome: r.outcome,
        incidents: r.incidents,
        changeIds: r.changeIds,
      })),
  };
}
