import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { requestMetrics } from '../../../app/metrics/metrics-jobs.ts';
import { parseMetricsQuery } from '../../../domain/metrics/period.ts';
import { baseConversationId } from '../bot/activity-info.ts';
import { replyWith, type TurnDeps } from './turn-deps.ts';

/**
 * `metrics [7d|30d|90d] [service]`: checks the words, queues the report as a job and answers at once; the
 * worker sends the card with the figures and the chart to this conversation.
 */
export async function onMetrics(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  args: string,
): Promise<void> {
  const { ctx } = deps;
  const query = parseMetricsQuery(
    args.split(' '),
    ctx.policy.services.map((s) => s.id),
  );
  if (!query.ok) {
    await replyWith(context, deps, `${query.error.message} Try "metrics 30d".`);
    return;
  }
  requestMetrics(ctx, { ...actor, platform: 'teams' }, query.value, baseConversationId(context.activity));
  const scope = query.value.service ? ` for ${query.value.service}` : '';
  await replyWith(
    context,
    deps,
    `Working out the metrics of the last ${query.value.window.replace('d', ' days')}${scope}; the card follows in a moment.`,
  );
}
