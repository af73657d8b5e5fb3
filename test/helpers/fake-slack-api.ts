import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One recorded Web API call: the method name and its parsed arguments (JSON fields decoded). */
export interface RecordedCall {
  readonly method: string;
  readonly args: Record<string, unknown>;
  /** The bearer token of the call (the bot token, or the app-level token for apps.connections.open). */
  readonly token?: string;
}

export interface FakeUser {
  readonly name: string;
  readonly email: string;
  readonly tz: string;
}

export interface FakeSlackApi {
  /** The Web API base URL, ending in `/api/`. */
  readonly apiUrl: string;
  /** The base URL of the fake (response URLs live under `/response/`). */
  readonly url: string;
  /** Every call, in arrival order; response_url posts are recorded as method `response_url`. */
  readonly calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** A response_url that records what is posted to it. */
  responseUrl(id: string): string;
  addUser(id: string, user: FakeUser): void;
  /** The bytes posted to each upload URL that files.getUploadURLExternal handed out, by file id. */
  readonly uploads: Map<string, Buffer>;
  /** The next `times` calls to `method` answer HTTP 429 with Retry-After. */
  rateLimit(method: string, retryAfterSeconds: number, times?: number): void;
  /** From now on `method` answers `reply` (e.g. apps.connections.open with a local WebSocket URL). */
  answer(method: string, reply: Record<string, unknown>): void;
  /** Calls to `method` are recorded at once but answered only after the returned release function runs. */
  hold(method: string): () => void;
  clear(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// The Web API client form-encodes arguments and JSON-encodes objects and arrays (blocks, view).
function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

/**
 * A local stand-in for Slack's Web API: records every call and answers plausibly. users.info answers from
 * the table seeded with `addUser`; conversations.open gives `D` + the user id; messages get increasing ts.
 */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: RecordedCall[] = [];
  const users = new Map<string, FakeUser>();
  const limits = new Map<string, { retryAfter: number; times: number }>();
  const answers = new Map<string, Record<string, unknown>>();
  const holds = new Map<string, Promise<void>>();
  const uploads = new Map<string, Buffer>();
  let baseUrl = '';
  let seq = 0;
  const nextTs = () => `1772442000.${String(++seq).padStart(6, '0')}`;

  function answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const given = answers.get(method);
    if (given) return given;
    switch (method) {
      case 'chat.postMessage': {
        const ts = nextTs();
        return { ok: true, channel: args.channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'chat.getPermalink': {
        const ts = String(args.message_ts ?? '').replace('.', '');
        return {
          ok: true,
          channel: args.channel,
          permalink: `https://acme.slack.com/archives/${args.channel}/p${ts}`,
        };
      }
      case 'conversations.open': {
        const user = String(args.users ?? '');
        return { ok: true, channel: { id: `D${user}` } };
      }
      case 'users.info': {
        const id = String(args.user ?? '');
        const user = users.get(id);
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id,
            name: user.name.toLowerCase(),
            real_name: user.name,
            tz: user.tz,
            profile: { email: user.email, real_name: user.name, display_name: user.name },
          },
        };
      }
      case 'views.open':
      case 'views.publish':
      case 'views.update':
      case 'views.push':
        return { ok: true, view: { id: `V${++seq}`, ...(args.view as object) } };
      case 'files.getUploadURLExternal': {
        const fileId = `F${++seq}`;
        return { ok: true, file_id: fileId, upload_url: `${baseUrl}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal': {
        const files = (args.files ?? []) as { id: string; title?: string }[];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) };
      }
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT' };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path.startsWith('/upload/')) {
        // The file's bytes, as the Web API client posts them to the external upload URL.
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const fileId = path.slice('/upload/'.length);
        const raw = Buffer.concat(chunks);
        const type = req.headers['content-type'] ?? '';
        // The Web API client posts the bytes as a multipart form: keep the file part's bytes exactly.
        const form = type.startsWith('multipart/')
          ? await new Response(raw, { headers: { 'content-type': type } }).formData()
          : null;
        const part = form ? [...form.values()].find((v): v is File => typeof v !== 'string') : undefined;
        uploads.set(fileId, part ? Buffer.from(await part.arrayBuffer()) : raw);
        calls.push({ method: 'file_upload', args: { fileId, bytes: uploads.get(fileId)?.length ?? 0 } });
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${uploads.get(fileId)?.length}`);
        return;
      }
      const body = await readBody(req);
      if (path.startsWith('/response/')) {
        calls.push({
          method: 'response_url',
          args: { id: path.slice('/response/'.length), ...parseArgs(body, 'application/json') },
        });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = path.replace(/^\/api\//, '');
      const limit = limits.get(method);
      if (limit && limit.times > 0) {
        limit.times -= 1;
        calls.push({
          method: `${method} (rate limited)`,
          args: parseArgs(body, req.headers['content-type']),
        });
        res.writeHead(429, { 'retry-after': String(limit.retryAfter), 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
        return;
      }
      const args = parseArgs(body, req.headers['content-type']);
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      calls.push(token === undefined ? { method, args } : { method, args, token });
      await holds.get(method);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, args)));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  baseUrl = url;

  return {
    apiUrl: `${url}/api/`,
    url,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responseUrl: (id) => `${url}/response/${id}`,
    addUser: (id, user) => users.set(id, user),
    uploads,
    rateLimit: (method, retryAfter, times = 1) => limits.set(method, { retryAfter, times }),
    answer: (method, reply) => answers.set(method, reply),
    hold(method) {
      let release = () => {};
      holds.set(method, new Promise<void>((resolve) => (release = resolve)));
      return () => {
        holds.delete(method);
        release();
      };
    },
    clear: () => {
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
