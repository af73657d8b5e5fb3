import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Teams user as the Bot Connector's roster returns it. */
export interface FakeMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

export type CallKind = 'createConversation' | 'send' | 'reply' | 'update' | 'getMember' | 'other';

/** One request the bot made to the connector. */
export interface ConnectorCall {
  readonly kind: CallKind;
  readonly method: string;
  readonly path: string;
  /** Decoded from the path (/v3/conversations/{conversationId}/…). */
  readonly conversationId: string | null;
  /** The activity replied to or updated, from the path. */
  readonly activityId: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, inspected by tests
  readonly body: any;
  /** The id the fake answered with (a new message, or a new conversation). */
  readonly answeredId: string | null;
}

interface Failure {
  readonly kind: CallKind;
  readonly status: number;
  readonly headers: Record<string, string>;
  remaining: number;
}

export interface FakeBotConnector {
  /** Put this in the activities' `serviceUrl`: the bot calls back here. */
  readonly serviceUrl: string;
  readonly calls: readonly ConnectorCall[];
  /** Calls of one kind (optionally to one conversation). */
  callsOf(kind: CallKind, conversationId?: string): ConnectorCall[];
  /** Messages sent to a conversation, replies included (new channel threads are `createConversation`). */
  messagesTo(conversationId: string): ConnectorCall[];
  /** Answers the next `times` calls of a kind with an error status (e.g. 429 with Retry-After). */
  failNext(kind: CallKind, status: number, opts?: { times?: number; headers?: Record<string, string> }): void;
  clear(): void;
  close(): Promise<void>;
}

const readJson = (req: IncomingMessage): Promise<unknown> =>
  new Promise((resolve, reject) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      raw += chunk;
    });
    req.on('end', () => {
      try {
        resolve(raw ? JSON.parse(raw) : null);
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

/**
 * A local stand-in for the Bot Connector service (what the activity's `serviceUrl` points at): records every
 * call the bot makes and answers like Teams does — new channel threads as "<channel>;messageid=<n>" with the
 * activity id beside it, personal chats as "a:…", messages with fresh numeric ids, members from a roster.
 */
export async function startFakeBotConnector(
  opts: { members?: readonly FakeMember[] } = {},
): Promise<FakeBotConnector> {
  const members = [...(opts.members ?? [])];
  const calls: ConnectorCall[] = [];
  const failures: Failure[] = [];
  let next = 1000;
  const newId = () => String(++next);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const body = await readJson(req);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    // ['v3', 'conversations', conversationId?, 'activities' | 'members', id?]
    const conversationId = parts[2] ?? null;
    const sub = parts[3] ?? null;
    const itemId = parts[4] ?? null;
    const method = req.method ?? 'GET';
    let kind: CallKind = 'other';
    if (method === 'POST' && parts.length === 2) kind = 'createConversation';
    else if (method === 'POST' && sub === 'activities') kind = itemId ? 'reply' : 'send';
    else if (method === 'PUT' && sub === 'activities') kind = 'update';
    else if (method === 'GET' && sub === 'members') kind = 'getMember';

    const record = (answeredId: string | null) =>
      calls.push({ kind, method, path: url.pathname, conversationId, activityId: itemId, body, answeredId });

    const failure = failures.find((f) => f.kind === kind && f.remaining > 0);
    if (failure) {
      failure.remaining -= 1;
      record(null);
      return send(
        res,
        failure.status,
        { error: { code: 'Throttled', message: 'fake failure' } },
        failure.headers,
      );
    }

    switch (kind) {
      case 'createConversation': {
        const params = body as { isGroup?: boolean; channelData?: { channel?: { id?: string } } };
        const channel = params.channelData?.channel?.id;
        const activityId = newId();
        const id = channel ? `${channel};messageid=${activityId}` : `a:dm-${activityId}`;
        record(id);
        return send(res, 201, channel ? { id, activityId } : { id });
      }
      case 'send':
      case 'reply': {
        const id = newId();
        record(id);
        return send(res, 201, { id });
      }
      case 'update':
        record(itemId);
        return send(res, 200, { id: itemId });
      case 'getMember': {
        record(null);
        const member = members.find((m) => m.id === itemId || m.aadObjectId === itemId);
        return member ? send(res, 200, member) : send(res, 404, { error: { code: 'MemberNotFound' } });
      }
      default:
        record(null);
        return send(res, 404, { error: { code: 'NotFound' } });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls,
    callsOf: (kind, conversationId) =>
      calls.filter(
        (c) => c.kind === kind && (conversationId === undefined || c.conversationId === conversationId),
      ),
    messagesTo: (conversationId) =>
      calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.conversationId === conversationId),
    failNext(kind, status, o = {}) {
      failures.push({ kind, status, headers: o.headers ?? {}, remaining: o.times ?? 1 });
    },
    clear() {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
