import { timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { HttpError } from '../http/http-error.ts';
import type { Route } from '../http/server.ts';
import { errorsTotal, httpRequestDuration, opsRegistry, secondsSince } from './ops-metrics.ts';

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * GET /metrics in the Prometheus text format: the process-wide metrics and this instance's queue gauges.
 * With a token, a scrape must send `Authorization: Bearer <token>` (compared in constant time).
 */
export function metricsRoute(opts: { queue: Registry; token: string | null }): Route {
  return {
    method: 'GET',
    path: '/metrics',
    async handle(req, res) {
      if (opts.token !== null) {
        const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        if (!sameSecret(given, opts.token)) {
          res.setHeader('www-authenticate', 'Bearer');
          throw new HttpError(401, 'unauthorized', 'a valid bearer token is required');
        }
      }
      const merged = Registry.merge([opsRegistry, opts.queue]);
      const body = await merged.metrics();
      res.writeHead(200, { 'content-type': merged.contentType, 'cache-control': 'no-store' });
      res.end(body);
    },
  };
}

/** Times a platform's route (request to response) and counts its server errors. */
export function timedRoute(route: Route, platform: string): Route {
  return {
    ...route,
    handle(req, res) {
      const start = performance.now();
      res.once('finish', () => {
        httpRequestDuration.observe(
          { platform, method: req.method ?? '', status: String(res.statusCode) },
          secondsSince(start),
        );
        if (res.statusCode >= 500) errorsTotal.inc({ source: 'http' });
      });
      return route.handle(req, res);
    },
  };
}
