import type { Logger } from '../log.ts';
import { sendJson } from './send-json.ts';
import type { Route } from './server.ts';

export interface HealthzOptions {
  /** Throws when the database cannot answer; main passes a `SELECT 1` (the server knows no database). */
  readonly check: () => void;
  readonly log: Logger;
  /** Seconds since the process started; injectable for tests. */
  readonly uptimeSeconds?: () => number;
}

/** GET /healthz: 200 when the database answers, 503 otherwise, so an orchestrator restarts or drains us. */
export function healthzRoute(options: HealthzOptions): Route {
  const uptime = options.uptimeSeconds ?? (() => Math.floor(process.uptime()));
  return {
    method: 'GET',
    path: '/healthz',
    handle(_req, res) {
      try {
        options.check();
      } catch (error) {
        options.log.warn('health check failed: the database did not answer', { error });
        sendJson(res, 503, { status: 'error', db: 'error' });
        return;
      }
      sendJson(res, 200, { status: 'ok', db: 'ok', uptimeSeconds: uptime() });
    },
  };
}
