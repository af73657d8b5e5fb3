import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.ts';
import { sendJson } from './http-util.ts';
import { securityHeaders, serveStatic } from './static-assets.ts';

export interface PlaygroundRoutes {
  page(req: IncomingMessage, res: ServerResponse, name: string): Promise<void>;
  slackApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void>;
  slackResponse(req: IncomingMessage, res: ServerResponse, id: string): Promise<void>;
  connector(req: IncomingMessage, res: ServerResponse, path: string): Promise<void>;
}

/**
 * The playground's own HTTP server: the page and its assets, the page's JSON API, and the stand-ins for
 * Slack's Web API and the Bot Connector that Changeboard calls. A request whose Host header is not this
 * loopback address is refused (a web page elsewhere cannot reach it through DNS rebinding).
 */
export function createPlaygroundServer(log: Logger, routes: () => PlaygroundRoutes) {
  let allowedHosts = new Set<string>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://playground');
    const path = url.pathname;
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'content-type': 'text/plain', ...securityHeaders }).end('wrong host');
      return;
    }
    const r = routes();
    const run = (): Promise<void> | void => {
      if (path.startsWith('/api/')) return r.page(req, res, path.slice('/api/'.length));
      if (path.startsWith('/slack-api/')) return r.slackApi(req, res, path.slice('/slack-api/'.length));
      if (path.startsWith('/slack-response/'))
        return r.slackResponse(req, res, path.slice('/slack-response/'.length));
      if (path.startsWith('/connector/')) return r.connector(req, res, path.slice('/connector'.length));
      if (req.method === 'GET' && serveStatic(path, res)) return;
      if (path === '/favicon.ico') return void res.writeHead(204, securityHeaders).end();
      sendJson(res, 404, { error: 'not_found' });
    };
    Promise.resolve()
      .then(run)
      .catch((error: unknown) => {
        log.warn('playground request failed', { path, error });
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'playground error' });
        else res.end();
      });
  });

  return {
    server,
    async listen(port: number, host: string): Promise<{ port: number; url: string }> {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve();
        });
      });
      const bound = (server.address() as AddressInfo).port;
      const name = host.includes(':') ? `[${host}]` : host;
      allowedHosts = new Set([`${name}:${bound}`, `localhost:${bound}`, `127.0.0.1:${bound}`]);
      return { port: bound, url: `http://${name}:${bound}` };
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
