import { requestMetrics } from '../../../app/metrics/metrics-jobs.ts';
import { parseMetricsQuery } from '../../../domain/metrics/period.ts';
import { COMMAND } from '../ids.ts';
import { escapeMrkdwn } from '../render/mrkdwn.ts';
import type { ListenerDeps } from './deps.ts';

/**
 * `/change metrics [7d|30d|90d] [service]`: checks the words, queues the report as a job and answers at once;
 * the figures and the chart arrive by direct message from the worker. Returns the private reply (mrkdwn).
 */
export async function metricsCommand(
  deps: ListenerDeps,
  userId: string,
  args: readonly string[],
): Promise<string> {
  const { ctx } = deps;
  const query = parseMetricsQuery(
    args,
    ctx.policy.services.map((s) => s.id),
  );
  if (!query.ok) {
    return `:warning: ${escapeMrkdwn(query.error.message)} Try \`${COMMAND} metrics 30d\`.`;
  }
  const actor = await deps.identity.actorFor(userId);
  requestMetrics(ctx, { ...actor, platform: 'slack' }, query.value, null);
  const scope = query.value.service ? ` for ${escapeMrkdwn(query.value.service)}` : '';
  return `:bar_chart: Working out the metrics of the last ${query.value.window.replace('d', ' days')}${scope}; they arrive in a direct message in a moment.`;
}
