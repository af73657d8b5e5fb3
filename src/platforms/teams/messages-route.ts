import type { ServerResponse } from 'node:http';
import type { Response as BotResponse, CloudAdapter, TurnContext } from 'botbuilder';
import { HttpError } from '../../http/http-error.ts';
import { readBody } from '../../http/read-body.ts';
import { sendJson } from '../../http/send-json.ts';
import type { Route } from '../../http/server.ts';

/** Teams activities are small (a card submission is a few KB); 256 KB leaves room and refuses abuse early. */
export const ACTIVITY_BODY_LIMIT_BYTES = 256 * 1024;

const BEARER_JWT = /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/;

/** The Express-like response botbuilder writes to (status, header, send, end), backed by node's response. */
function botResponse(res: ServerResponse): BotResponse {
  let status = 200;
  const headers: Record<string, string> = {};
  let body: unknown;
  return {
    socket: res.socket,
    status(code: number) {
      status = code;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    send(payload: unknown) {
      body = payload;
    },
    end() {
      if (res.headersSent) return;
      if (body === undefined || body === null) {
        res.writeHead(status, { 'content-length': 0, ...headers });
        res.end();
      } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
        const payload = typeof body === 'string' ? body : body.toString('utf8');
        res.writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          ...headers,
        });
        res.end(payload);
      } else {
        sendJson(res, status, body, headers);
      }
    },
  };
}

/**
 * POST /api/messages: the Bot Connector's endpoint. The body is read with a size limit and parsed here, then
 * the CloudAdapter authenticates it (JWT) and runs the turn; an invoke's response goes back in this response.
 */
export function messagesRoute(opts: {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** With an app id, a request without credentials is refused before anything else is done. */
  requireAuthorization: boolean;
}): Route {
  return {
    method: 'POST',
    path: '/api/messages',
    async handle(req, res) {
      // Only the shape is checked here (botbuilder verifies the JWT itself); a request that is not even a
      // bearer JWT is refused before its body is read, and without botbuilder logging it to the console.
      if (opts.requireAuthorization && !BEARER_JWT.test(req.headers.authorization ?? '')) {
        throw new HttpError(401, 'unauthorized', 'no Bot Framework bearer token');
      }
      const raw = await readBody(req, ACTIVITY_BODY_LIMIT_BYTES);
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        throw new HttpError(400, 'invalid_json', 'the body is not JSON');
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new HttpError(400, 'invalid_activity', 'the body is not an activity');
      }
      await opts.adapter.process(
        { method: 'POST', headers: req.headers, body: body as Record<string, unknown> },
        botResponse(res),
        opts.logic,
      );
    },
  };
}
