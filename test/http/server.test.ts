import { Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { readBody } from '../../src/http/read-body.ts';
import { sendJson } from '../../src/http/send-json.ts';
import { createHttpServer, type HttpServer, type Route } from '../../src/http/server.ts';
import { deferred, recordingLogger, send } from './client.ts';

const started: HttpServer[] = [];

async function start(routes: Route[], log = recordingLogger()) {
  // A long shutdown timeout: a close() that only finishes by force would then fail the test, not pass slowly.
  const server = createHttpServer({ log, routes, shutdownTimeoutMs: 60_000 });
  started.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, port, log };
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const hello: Route = {
  method: 'GET',
  path: '/hello',
  handle: (_req, res) => sendJson(res, 200, { hello: 'world' }),
};

describe('createHttpServer', () => {
  it('answers a registered route and ignores the query string when matching', async () => {
    const { port } = await start([hello]);
    const reply = await send(port, 'GET', '/hello?x=1');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ hello: 'world' });
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 404 in JSON for a path nobody registered, including near misses', async () => {
    const { port } = await start([hello]);
    for (const path of ['/nope', '/hello/', '/HELLO']) {
      const reply = await send(port, 'GET', path);
      expect([reply.status, JSON.parse(reply.body)]).toEqual([404, { error: 'not_found' }]);
    }
  });

  it('answers 405 with the allowed methods when the path exists under another method', async () => {
    const { port } = await start([hello]);
    const reply = await send(port, 'POST', '/hello', { body: '{}' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET');
    expect(JSON.parse(reply.body)).toEqual({ error: 'method_not_allowed' });
  });

  it('reports a port already in use as a failed listen', async () => {
    const { port } = await start([hello]);
    const second = createHttpServer({ log: recordingLogger(), routes: [hello] });
    await expect(second.listen(port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('refuses two routes for the same method and path', () => {
    expect(() => createHttpServer({ log: recordingLogger(), routes: [hello, hello] })).toThrow(
      'duplicate route GET /hello',
    );
  });

  it('turns an unexpected error into a 500 with a short reference, and logs the detail under it', async () => {
    const failing: Route = {
      method: 'POST',
      path: '/boom',
      handle: async () => {
        throw new Error('database password is hunter2');
      },
    };
    const { port, log } = await start([failing]);
    const reply = await send(port, 'POST', '/boom');
    expect(reply.status).toBe(500);
    const body = JSON.parse(reply.body) as { error: string; ref: string };
    expect(body).toEqual({ error: 'internal_error', ref: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(reply.body).not.toContain('hunter2');
    const logged = log.entries.filter((e) => e.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]?.fields).toMatchObject({ ref: body.ref, method: 'POST', path: '/boom' });
    expect(logged[0]?.fields.error).toMatchObject({ message: 'database password is hunter2' });
  });

  it('gives each failure its own reference', async () => {
    const failing: Route = {
      method: 'GET',
      path: '/boom',
      handle: () => {
        throw new Error('synchronous failure');
      },
    };
    const { port } = await start([failing]);
    const first = JSON.parse((await send(port, 'GET', '/boom')).body) as { ref: string };
    const second = JSON.parse((await send(port, 'GET', '/boom')).body) as { ref: string };
    expect(first.ref).not.toBe(second.ref);
  });

  it('lets an in-flight request finish during a graceful close, while refusing new connections', async () => {
    const entered = deferred();
    const release = deferred();
    const slow: Route = {
      method: 'GET',
      path: '/slow',
      handle: async (_req, res) => {
        entered.resolve();
        await release.promise;
        sendJson(res, 200, { finished: true });
      },
    };
    const { server, port } = await start([slow, hello]);
    const keepAlive = new Agent({ keepAlive: true });
    // An idle keep-alive connection must not hold the close up.
    expect((await send(port, 'GET', '/hello', { agent: keepAlive })).status).toBe(200);

    const inFlight = send(port, 'GET', '/slow', { agent: keepAlive });
    await entered.promise;
    let closed = false;
    const closing = server.close().then(() => {
      closed = true;
    });

    await expect(send(port, 'GET', '/hello')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    release.resolve();
    const reply = await inFlight;
    expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { finished: true }]);
    expect(reply.headers.connection).toBe('close');
    await closing;
    expect(closed).toBe(true);
    keepAlive.destroy();
  });

  it('finishes a close whose in-flight response had already started on a keep-alive connection', async () => {
    const entered = deferred();
    const release = deferred();
    const streaming: Route = {
      method: 'GET',
      path: '/stream',
      handle: async (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first part, ');
        entered.resolve();
        await release.promise;
        res.end('last part');
      },
    };
    const { server, port } = await start([streaming]);
    // Node's own idle timeout (5 s) would also end the connection; take it out so only close() can.
    server.server.keepAliveTimeout = 60_000;
    const keepAlive = new Agent({ keepAlive: true });
    const inFlight = send(port, 'GET', '/stream', { agent: keepAlive });
    await entered.promise;
    const closing = server.close();
    release.resolve();
    expect((await inFlight).body).toBe('first part, last part');
    // Resolves only if close() ends the now idle keep-alive connection (the forced cut would come after 60 s).
    await closing;
    keepAlive.destroy();
  });
});

describe('readBody', () => {
  const echo: Route = {
    method: 'POST',
    path: '/echo',
    handle: async (req, res) => {
      const body = await readBody(req, 16);
      sendJson(res, 200, { received: body.toString('utf8') });
    },
  };

  it('returns a body within the limit', async () => {
    const { port } = await start([echo]);
    const reply = await send(port, 'POST', '/echo', { body: 'sixteen bytes!!!' });
    expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { received: 'sixteen bytes!!!' }]);
  });

  it('answers 413 when the declared length is over the limit', async () => {
    const { port, log } = await start([echo]);
    const reply = await send(port, 'POST', '/echo', { body: 'seventeen bytes!!' });
    expect([reply.status, JSON.parse(reply.body)]).toMatchObject([
      413,
      { error: 'payload_too_large', message: expect.stringMatching(/larger than/) },
    ]);
    expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
  });

  it('answers 413 when a chunked body without a length grows past the limit', async () => {
    const { port } = await start([echo]);
    const reply = await send(port, 'POST', '/echo', {
      body: 'x'.repeat(64),
      headers: { 'transfer-encoding': 'chunked' },
    });
    expect([reply.status, JSON.parse(reply.body)]).toMatchObject([
      413,
      { error: 'payload_too_large', message: expect.stringMatching(/larger than/) },
    ]);
    expect(reply.headers.connection).toBe('close');
  });
});
