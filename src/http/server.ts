import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import { HttpError } from './http-error.ts';
import { sendJson } from './send-json.ts';

/** One endpoint: an exact path and method. Handlers own the response; a throw becomes a 4xx or a 500. */
export interface Route {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export interface HttpServerOptions {
  readonly log: Logger;
  readonly routes: readonly Route[];
  /** How long `close()` lets in-flight requests run before cutting their connections. Default 10 s. */
  readonly shutdownTimeoutMs?: number;
}

export interface HttpServer {
  /** The underlying node:http server (for adapters that need it, e.g. WebSocket upgrades). */
  readonly server: Server;
  /** Starts listening; port 0 picks a free port, which the result reports. */
  listen(port: number, host: string): Promise<{ port: number }>;
  /** Stops accepting connections, lets in-flight requests finish, closes idle keep-alive connections. */
  close(): Promise<void>;
}

/**
 * The one HTTP server of the process (Slack events, Teams messages, the health check). Routing is an exact
 * path match: no patterns, so what is exposed is exactly the list given here.
 */
export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { log } = options;
  const table = new Map<string, Map<string, Route>>();
  for (const route of options.routes) {
    const byMethod = table.get(route.path) ?? new Map<string, Route>();
    if (byMethod.has(route.method)) throw new Error(`duplicate route ${route.method} ${route.path}`);
    byMethod.set(route.method, route);
    table.set(route.path, byMethod);
  }
  let closing = false;
  const inFlight = new Set<ServerResponse>();

  const fail = (req: IncomingMessage, res: ServerResponse, path: string, error: unknown): void => {
    if (error instanceof HttpError) {
      log.debug('http request refused', {
        method: req.method,
        path,
        status: error.status,
        reason: error.message,
      });
      // An unread body would otherwise be drained before the connection could serve the next request.
      const headers: Record<string, string> = req.complete ? {} : { connection: 'close' };
      if (!res.headersSent)
        sendJson(res, error.status, { error: error.code, message: error.message }, headers);
      else res.destroy();
      return;
    }
    // The user sees a short reference, the log keeps the detail under the same reference.
    const ref = randomBytes(4).toString('hex');
    log.error('http handler failed', { ref, method: req.method, path, error });
    if (!res.headersSent)
      sendJson(res, 500, { error: 'internal_error', ref }, req.complete ? {} : { connection: 'close' });
    else res.destroy();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    // While shutting down, a keep-alive connection must not take another request after this one.
    if (closing) res.setHeader('connection', 'close');
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      // A response whose headers went out before close() began leaves its connection idle, not closed.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    const byMethod = table.get(path);
    if (byMethod === undefined) return sendJson(res, 404, { error: 'not_found' });
    const route = byMethod.get(req.method === 'HEAD' ? 'GET' : (req.method ?? ''));
    if (route === undefined) {
      return sendJson(res, 405, { error: 'method_not_allowed' }, { allow: [...byMethod.keys()].join(', ') });
    }
    try {
      await route.handle(req, res);
    } catch (error) {
      fail(req, res, path, error);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => log.error('http response failed', { error }));
  });

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve({ port: (server.address() as AddressInfo).port });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        closing = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
        const force = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 10_000);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
