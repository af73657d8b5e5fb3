import type { AppContext } from '../app/context.ts';
import { authenticateFeedToken, FEED_PATH } from '../app/schedule/feed-tokens.ts';
import { buildIcsFeed } from '../app/schedule/ics-feed.ts';
import type { Logger } from '../log.ts';
import type { Route } from './server.ts';

/**
 * GET /calendar.ics?token=…: the change schedule for calendar apps. A missing, wrong or revoked token gets
 * 401 and nothing else; the token is checked by its hash, in constant time.
 */
export function calendarFeedRoute(ctx: AppContext, log: Logger): Route {
  return {
    method: 'GET',
    path: FEED_PATH,
    handle(req, res) {
      const token = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? '';
      const personId = authenticateFeedToken(ctx, token);
      if (personId === null) {
        res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        res.end(
          'This calendar feed link is not valid (revoked or mistyped). Make a new one with "calendar feed".\n',
        );
        return;
      }
      const body = buildIcsFeed(ctx);
      log.debug('calendar feed served', { personId, bytes: body.length });
      res.writeHead(200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="changeboard.ics"',
        'cache-control': 'private, max-age=300',
      });
      res.end(body);
    },
  };
}
