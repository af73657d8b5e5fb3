import { verifyAuditChain } from '../../db/audit.ts';
import type { Database } from '../../db/client.ts';
import { createMetricsRepository } from '../../db/metrics-repo.ts';
import type { MetricsInput } from '../../domain/metrics/report.ts';
import type {
  AuditFact,
  ChangeFact,
  MetricsPeriod,
  ReleaseFact,
  UnregisteredChangeFact,
} from '../../domain/metrics/types.ts';
import type { AppContext } from '../context.ts';
import { gateMetricsSource } from '../gate/gate-metrics-source.ts';
import { releaseMetricsSource } from '../release/release-metrics-source.ts';

/** Changes with a milestone in the period. */
export interface ChangeFactsSource {
  changeFacts(period: MetricsPeriod): readonly ChangeFact[];
}

/** Release instances with a milestone (started, finished) in the period. */
export interface ReleaseFactsSource {
  releaseFacts(period: MetricsPeriod): readonly ReleaseFact[];
}

/** Deployments the CI/CD gate saw with no authorised change behind them. */
export interface UnregisteredChangesSource {
  unregisteredChanges(period: MetricsPeriod): readonly UnregisteredChangeFact[];
}

export interface AuditFactsSource {
  auditFacts(period: MetricsPeriod): AuditFact;
}

/**
 * Where the metrics read their records. A source that is null has no records in this build: its figures
 * show as "no data", never as zero. The release and gate contexts plug their repositories in here.
 */
export interface MetricsSources {
  readonly changes: ChangeFactsSource;
  readonly releases: ReleaseFactsSource | null;
  readonly gate: UnregisteredChangesSource | null;
  readonly audit: AuditFactsSource;
}

/** The sources this build keeps in SQLite: changes (with votes' decisions) and the audit trail. */
export function sqliteMetricsSources(
  database: Database,
  extra: { releases?: ReleaseFactsSource; gate?: UnregisteredChangesSource } = {},
): MetricsSources {
  const repo = createMetricsRepository(database);
  return {
    changes: { changeFacts: (period) => repo.changeFacts(period) },
    releases: extra.releases ?? null,
    gate: extra.gate ?? null,
    audit: {
      auditFacts(period) {
        const verification = verifyAuditChain(database.db);
        return {
          chainVerifies: verification.ok,
          eventCount: verification.ok ? verification.count : 0,
          brokenAt: verification.ok ? null : verification.brokenAt,
          refusedSelfApprovals: repo.refusedSelfApprovals(period),
        };
      },
    },
  };
}

/** Every source this build has: changes and the audit trail, releases, and the deployment gate. */
export const appMetricsSources = (ctx: AppContext): MetricsSources =>
  sqliteMetricsSources(ctx.database, { releases: releaseMetricsSource(ctx), gate: gateMetricsSource(ctx) });

/** Reads everything one report needs for a period, from whichever sources exist. */
export function loadMetricsInput(sources: MetricsSources, period: MetricsPeriod): MetricsInput {
  return {
    changes: sources.changes.changeFacts(period),
    releases: sources.releases?.releaseFacts(period) ?? null,
    unregisteredChanges: sources.gate?.unregisteredChanges(period) ?? null,
    audit: sources.audit.auditFacts(period),
  };
}
