import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { type ApiClient, type ApiScope, authenticateToken } from '../../app/api/tokens.ts';
import { type AppContext, inTransaction } from '../../app/context.ts';
import { readBody } from '../read-body.ts';
import { sendJson } from '../send-json.ts';
import type { Route } from '../server.ts';

/** What a handler answers: a status and a JSON body. */
export interface ApiResult {
  readonly status: number;
  readonly body: unknown;
}

/** An API refusal with its JSON body (the shared server's HttpError carries only a code). */
export class ApiError extends Error {
  readonly status: number;
  readonly body: { error: string; message: string; [more: string]: unknown };

  constructor(status: number, body: ApiError['body']) {
    super(body.message);
    this.status = status;
    this.body = body;
  }
}

const MAX_KEY_LENGTH = 200;

function authenticate(ctx: AppContext, req: IncomingMessage, scope: ApiScope): ApiClient {
  const header = req.headers.authorization ?? '';
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const unauthorised = (message: string) => new ApiError(401, { error: 'unauthorized', message });
  if (!bearer) throw unauthorised('Send an API token: "Authorization: Bearer cb_…".');
  const client = authenticateToken(ctx, bearer);
  if (!client) throw unauthorised('The API token is unknown or revoked.');
  if (!client.scopes.includes(scope)) {
    throw new ApiError(403, {
      error: 'forbidden',
      message: `This token lacks the "${scope}" scope.`,
      scope,
    });
  }
  return client;
}

/** zod issues as `{ field, message }`, the field as a dotted path (`run.url`). */
const fieldsOf = (error: z.ZodError) =>
  error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message }));

async function parseJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> {
  const raw = (await readBody(req)).toString('utf8');
  let json: unknown;
  try {
    json = raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw new ApiError(400, { error: 'invalid_json', message: 'The body is not valid JSON.' });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    throw new ApiError(400, {
      error: 'invalid_body',
      message: `Invalid ${fields.map((f) => f.field).join(', ')}.`,
      fields,
    });
  }
  return parsed.data;
}

export interface JsonOperation<S extends z.ZodType> {
  readonly path: string;
  readonly scope: ApiScope;
  readonly schema: S;
  /** Asynchronous work before the decision (a long-poll); must not write. */
  readonly prepare?: (input: z.output<S>, client: ApiClient, req: IncomingMessage) => Promise<unknown>;
  /** The decision and its writes, run inside one transaction with the stored idempotent response. */
  readonly run: (input: z.output<S>, client: ApiClient, prepared: unknown) => ApiResult;
  /**
   * How long a stored answer is given back to a retry with the same key; older, the request runs again.
   * Unset: for ever (a recorded deployment). An answer that depends on the time and the change's state (the
   * gate) must not outlive the retries it is for, or a cancelled change would stay "allowed".
   */
  readonly replayForMs?: number;
}

const send = (res: ServerResponse, result: ApiResult, headers: Record<string, string> = {}) =>
  sendJson(res, result.status, result.body, headers);

/** Catches ApiErrors into their JSON answer; anything else goes to the shared server's 500 handling. */
export async function answering(
  req: IncomingMessage,
  res: ServerResponse,
  fn: () => Promise<void>,
): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Refused before its body was read (e.g. 401): close rather than drain an unread body.
    send(res, { status: error.status, body: error.body }, req.complete ? {} : { connection: 'close' });
  }
}

/**
 * A POST taking a JSON body: authenticated and scoped, validated with zod (400 naming the fields, nothing
 * written), and idempotent under an `Idempotency-Key` header: the first answer is stored in the same
 * transaction as the work, and a retry with the same key gets it back without running anything again.
 */
export function jsonPost<S extends z.ZodType>(ctx: AppContext, op: JsonOperation<S>): Route {
  return {
    method: 'POST',
    path: op.path,
    handle: (req, res) =>
      answering(req, res, async () => {
        const client = authenticate(ctx, req, op.scope);
        const key = req.headers['idempotency-key'];
        if (Array.isArray(key) || (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH))) {
          throw new ApiError(400, {
            error: 'invalid_idempotency_key',
            message: `Idempotency-Key must be one value of 1 to ${MAX_KEY_LENGTH} characters.`,
          });
        }
        const input = await parseJson(req, op.schema);
        const fingerprint = createHash('sha256')
          .update(`${op.path}\n${JSON.stringify(input)}`)
          .digest('hex');
        const replay = () => {
          const stored = key === undefined ? null : ctx.repos.apiTokens.storedResponse(client.tokenId, key);
          if (!stored) return null;
          if (op.replayForMs !== undefined && ctx.clock().getTime() - stored.createdAt > op.replayForMs)
            return null;
          if (stored.fingerprint !== fingerprint) {
            throw new ApiError(422, {
              error: 'idempotency_key_reused',
              message: 'This Idempotency-Key was used for a different request.',
            });
          }
          return { status: stored.status, body: JSON.parse(stored.body) as unknown };
        };
        const early = replay();
        if (early) return send(res, early, { 'idempotent-replayed': 'true' });
        const prepared = op.prepare ? await op.prepare(input, client, req) : undefined;
        let replayed = false;
        const result = inTransaction(ctx, () => {
          // A long-poll may have waited minutes: a token revoked meanwhile gets its 401 now, not the answer.
          if (prepared !== undefined) authenticate(ctx, req, op.scope);
          const again = replay();
          if (again) {
            replayed = true;
            return again;
          }
          const done = op.run(input, client, prepared);
          if (key !== undefined) {
            ctx.repos.apiTokens.storeResponse(
              client.tokenId,
              key,
              { fingerprint, status: done.status, body: JSON.stringify(done.body) },
              ctx.clock(),
            );
          }
          return done;
        });
        send(res, result, replayed ? { 'idempotent-replayed': 'true' } : {});
      }),
  };
}

/** A GET answered from the query string, authenticated and scoped. */
export function jsonGet(
  ctx: AppContext,
  op: { path: string; scope: ApiScope; run: (query: URLSearchParams, client: ApiClient) => ApiResult },
): Route {
  return {
    method: 'GET',
    path: op.path,
    handle: (req, res) =>
      answering(req, res, async () => {
        const client = authenticate(ctx, req, op.scope);
        const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
        send(res, op.run(query, client));
      }),
  };
}
