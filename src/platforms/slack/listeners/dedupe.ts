import type { AnyMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';
import type { SlackListeners } from './router.ts';

/**
 * Slack redelivers an event it thinks was missed (x-slack-retry-num, up to three times). Each event id is
 * recorded in processed_deliveries, so a redelivery is acknowledged and skipped, never processed twice.
 */
export function registerDedupe(app: SlackListeners, deps: ListenerDeps): void {
  app.use(async ({ body, context, next }) => {
    const eventId = (body as AnyMiddlewareArgs['body'] & { event_id?: unknown }).event_id;
    if (
      typeof eventId === 'string' &&
      !deps.ctx.repos.deliveries.firstTime(`slack:event:${eventId}`, deps.ctx.clock())
    ) {
      deps.log.info('slack event redelivery skipped', {
        eventId,
        retryNum: context.retryNum,
        retryReason: context.retryReason,
      });
      return;
    }
    await next();
  });
}
