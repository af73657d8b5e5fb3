import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { healthzRoute } from '../../src/http/healthz.ts';
import { createHttpServer, type HttpServer } from '../../src/http/server.ts';
import { recordingLogger, send } from './client.ts';

const started: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

async function serveHealthz(check: () => void) {
  const log = recordingLogger();
  const server = createHttpServer({ log, routes: [healthzRoute({ check, log, uptimeSeconds: () => 42 })] });
  started.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return { port, log };
}

describe('GET /healthz', () => {
  it('answers 200 with the uptime when the database answers SELECT 1', async () => {
    const db = new Database(':memory:');
    const { port } = await serveHealthz(() => db.prepare('SELECT 1').get());
    const reply = await send(port, 'GET', '/healthz');
    expect([reply.status, JSON.parse(reply.body)]).toEqual([
      200,
      { status: 'ok', db: 'ok', uptimeSeconds: 42 },
    ]);
    expect(reply.headers['cache-control']).toBe('no-store');
    db.close();
  });

  it('answers 503 and logs a warning once the database no longer answers', async () => {
    const db = new Database(':memory:');
    const { port, log } = await serveHealthz(() => db.prepare('SELECT 1').get());
    db.close();
    const reply = await send(port, 'GET', '/healthz');
    expect([reply.status, JSON.parse(reply.body)]).toEqual([503, { status: 'error', db: 'error' }]);
    expect(log.entries.map((e) => [e.level, e.msg])).toContainEqual([
      'warn',
      'health check failed: the database did not answer',
    ]);
  });

  it('answers HEAD like GET, without a body, for load balancers that probe that way', async () => {
    const { port } = await serveHealthz(() => {});
    const reply = await send(port, 'HEAD', '/healthz');
    expect([reply.status, reply.body]).toEqual([200, '']);
  });

  it('reports the real process uptime in whole seconds by default', async () => {
    const route = healthzRoute({ check: () => {}, log: recordingLogger() });
    const server = createHttpServer({ log: recordingLogger(), routes: [route] });
    started.push(server);
    const { port } = await server.listen(0, '127.0.0.1');
    const body = JSON.parse((await send(port, 'GET', '/healthz')).body) as { uptimeSeconds: number };
    expect(Number.isInteger(body.uptimeSeconds)).toBe(true);
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });
});
