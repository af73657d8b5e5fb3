import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';
import type { Route } from '../../http/server.ts';
import type { Logger } from '../../log.ts';
import { boltLogger } from './bolt-logger.ts';

/** Slack's replay window: a signature older (or newer) than this is refused. */
export const REPLAY_WINDOW_SECONDS = 5 * 60;

export interface SharedServerReceiver extends Receiver {
  /** The POST /slack/events route for the shared HTTP server. */
  readonly route: Route;
  /** Resolves when every request received so far has been fully processed (listeners included). */
  idle(): Promise<void>;
}

/**
 * A Bolt receiver without a server of its own: the process's one HTTP server hands it /slack/events. It does
 * what Bolt's HTTPReceiver does per request (verify the signature inside the replay window, parse, answer
 * ssl_check and url_verification, ack through HTTPResponseAck) and tracks in-flight work for a clean stop.
 */
export function createSharedServerReceiver(opts: {
  signingSecret: string;
  log: Logger;
  path?: string;
}): SharedServerReceiver {
  const logger = boltLogger(opts.log);
  const inFlight = new Set<Promise<void>>();
  let app: App | null = null;

  async function processRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Bolt refuses only stale timestamps; a timestamp far in the future is just as much a replay risk.
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts - Date.now() / 1000 > REPLAY_WINDOW_SECONDS) {
      opts.log.warn('slack request refused: timestamp in the future');
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    let buffered: Awaited<ReturnType<typeof HTTPModuleFunctions.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await HTTPModuleFunctions.parseAndVerifyHTTPRequest(
        { enabled: true, signingSecret: opts.signingSecret, bodyLimit: HTTPModuleFunctions.defaultBodyLimit },
        req,
        res,
      );
    } catch (error) {
      if (HTTPModuleFunctions.isRawBodyError(error) && (error as { statusCode: number }).statusCode === 413) {
        return HTTPModuleFunctions.buildNoBodyResponse(res, 413);
      }
      opts.log.warn('slack request refused: signature not verified', { reason: (error as Error).message });
      return HTTPModuleFunctions.buildNoBodyResponse(res, 401);
    }
    // biome-ignore lint/suspicious/noExplicitAny: Slack request bodies are untyped until Bolt routes them.
    let body: any;
    try {
      body = HTTPModuleFunctions.parseHTTPRequestBody(buffered);
    } catch {
      return HTTPModuleFunctions.buildNoBodyResponse(res, 400);
    }
    if (body.ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    if (!app) return HTTPModuleFunctions.buildNoBodyResponse(res, 503);

    // processBeforeResponse stays false: ack() answers Slack at once; listeners keep running after it.
    const ack = new HTTPResponseAck({
      logger,
      processBeforeResponse: false,
      httpRequest: buffered,
      httpRequestBody: body,
      httpResponse: res,
      // Slack gives up after 3 s: free the connection, and make a late ack (below) a logged no-op.
      unhandledRequestHandler: ({ response }) => {
        opts.log.warn('slack request not acknowledged within 3 s', { type: body.type });
        if (!response.headersSent) HTTPModuleFunctions.buildNoBodyResponse(response, 200);
      },
    });
    const bound = ack.bind();
    const event: ReceiverEvent = {
      body,
      ack: async (response) => {
        if (res.headersSent) {
          opts.log.warn('slack ack came after the response was sent', { type: body.type });
          return;
        }
        await bound(response);
      },
      retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
      retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      customProperties: {},
    };
    try {
      await app.processEvent(event);
      // processEvent resolves after the listeners ran: nothing acked means no listener matched (a forged or
      // stale action id, an unknown view). Answer now rather than hold the connection for Slack's 3 s.
      if (!res.headersSent) await event.ack();
    } catch (error) {
      const handled = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger,
        request: req,
        response: res,
        storedResponse: undefined,
      });
      if (handled) ack.ack();
    }
  }

  function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const work = processRequest(req, res).catch((error: unknown) => {
      opts.log.error('slack request failed', { error });
      if (!res.headersSent) HTTPModuleFunctions.buildNoBodyResponse(res, 500);
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
    return work;
  }

  return {
    route: { method: 'POST', path: opts.path ?? '/slack/events', handle },
    init(bolt) {
      app = bolt;
    },
    // The shared server is started and stopped by the process, not by Bolt.
    start: async () => undefined,
    stop: async () => {
      await Promise.allSettled([...inFlight]);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
