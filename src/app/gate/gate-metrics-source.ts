import type { AppContext } from '../context.ts';
import type { UnregisteredChangesSource } from '../metrics/metrics-sources.ts';

/** A period's unregistered deployments are few; this bounds one report's read all the same. */
const UNREGISTERED_LIMIT = 10_000;

/** The gate's records for the metrics: deployments it saw with no authorised change, when and where. */
export function gateMetricsSource(ctx: AppContext): UnregisteredChangesSource {
  return {
    unregisteredChanges: (period) =>
      ctx.repos.deployments.unregisteredBetween(period.from, period.to, UNREGISTERED_LIMIT),
  };
}
