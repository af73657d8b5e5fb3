import type { IncomingMessage, ServerResponse } from 'node:http';
import { CAST, castBySlackId, SLACK_BOT } from './cast.ts';
import { readText, sendJson } from './http-util.ts';
import type { Json, PlaygroundStore, SlackModal } from './store.ts';

/** Where a response_url leads: the person who acted and the channel they acted in. */
export interface ResponseTarget {
  readonly user: string;
  readonly channel: string;
}

/**
 * The playground's Slack: answers the Web API calls Changeboard makes (pointed here by SLACK_API_URL) and its
 * response_url posts, and records what they show. It also hands out the trigger ids and response URLs of the
 * requests the playground sends, so a `views.open` lands in the right person's modal stack.
 */
export interface SlackWorld {
  /** A fresh trigger id for a request made as `user`. */
  trigger(user: string): string;
  /** A response URL for a request made as `user` in `channel`. */
  responseUrl(target: ResponseTarget): string;
  handleWebApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void>;
  handleResponseUrl(req: IncomingMessage, res: ServerResponse, id: string): Promise<void>;
}

/** The Web API client form-encodes arguments and JSON-encodes objects and arrays (blocks, view). */
function parseArgs(body: string, contentType: string | undefined): Record<string, Json> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}') as Record<string, Json>;
  const args: Record<string, Json> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

const blocksOf = (value: Json): Json[] | null => (Array.isArray(value) ? value : null);

export function createSlackWorld(store: PlaygroundStore, baseUrl: () => string): SlackWorld {
  const { state } = store;
  const triggers = new Map<string, string>();
  const responses = new Map<string, ResponseTarget>();
  let clock = 0;
  /** Message timestamps like Slack's: seconds.micro, strictly increasing. */
  const nextTs = () => {
    const seconds = Math.floor(Date.now() / 1000);
    clock = Math.max(clock + 1, seconds * 1_000_000);
    return `${Math.floor(clock / 1_000_000)}.${String(clock % 1_000_000).padStart(6, '0')}`;
  };

  const modalsOf = (user: string): SlackModal[] => {
    state.slack.modals[user] ??= [];
    return state.slack.modals[user];
  };
  const findModal = (viewId: string): SlackModal | undefined =>
    Object.values(state.slack.modals)
      .flat()
      .find((m) => m.id === viewId);

  function answer(method: string, args: Record<string, Json>): Json {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: SLACK_BOT.userId, bot_id: SLACK_BOT.botId, team_id: SLACK_BOT.teamId };
      case 'users.info': {
        const member = castBySlackId(String(args.user ?? ''));
        if (!member) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: member.slackId,
            name: member.key,
            real_name: member.name,
            tz: member.timezone,
            profile: { email: member.email, real_name: member.name, display_name: member.name },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(args.users ?? '')}` } };
      case 'chat.postMessage': {
        const channel = String(args.channel ?? '');
        const ts = nextTs();
        store.addSlackMessage({
          channel,
          ts,
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : null,
          user: null,
          text: String(args.text ?? ''),
          blocks: blocksOf(args.blocks),
          edits: 0,
        });
        return { ok: true, channel, ts, message: { ts, text: args.text } };
      }
      case 'chat.update': {
        const message = store.slackMessage(String(args.channel ?? ''), String(args.ts ?? ''));
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = String(args.text ?? message.text);
        message.blocks = blocksOf(args.blocks) ?? message.blocks;
        message.edits += 1;
        store.changed();
        return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
      }
      case 'chat.getPermalink':
        return {
          ok: true,
          channel: args.channel,
          permalink: `${baseUrl()}/#slack/${args.channel}/${args.message_ts}`,
        };
      case 'views.open':
      case 'views.push': {
        const user = triggers.get(String(args.trigger_id ?? ''));
        if (!user) return { ok: false, error: 'invalid_trigger_id' };
        triggers.delete(String(args.trigger_id));
        const id = `VPG${store.nextId()}`;
        const stack = modalsOf(user);
        if (method === 'views.open') stack.length = 0;
        stack.push({ id, view: args.view, errors: {} });
        store.changed();
        return { ok: true, view: { id, ...(args.view as object) } };
      }
      case 'views.update': {
        const modal = findModal(String(args.view_id ?? ''));
        if (!modal) return { ok: false, error: 'not_found' };
        modal.view = args.view;
        modal.errors = {};
        store.changed();
        return { ok: true, view: { id: modal.id, ...(args.view as object) } };
      }
      case 'views.publish': {
        const user = String(args.user_id ?? '');
        if (!castBySlackId(user)) return { ok: false, error: 'user_not_found' };
        state.slack.homes[user] = args.view;
        store.changed();
        return { ok: true, view: { id: `VHOME${user}`, ...(args.view as object) } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  return {
    trigger(user) {
      const id = `pg.${store.nextId()}.${Date.now()}`;
      triggers.set(id, user);
      return id;
    },
    responseUrl(target) {
      const id = `r${store.nextId()}`;
      responses.set(id, target);
      return `${baseUrl()}/slack-response/${id}`;
    },
    async handleWebApi(req, res, method) {
      const args = parseArgs(await readText(req), req.headers['content-type']);
      sendJson(res, 200, answer(method, args));
    },
    async handleResponseUrl(req, res, id) {
      const target = responses.get(id);
      const body = JSON.parse((await readText(req)) || '{}') as Json;
      if (!target) {
        sendJson(res, 404, { ok: false, error: 'expired_url' });
        return;
      }
      state.slack.ephemerals.push({
        id: store.nextId(),
        user: target.user,
        channel: target.channel,
        text: String(body.text ?? ''),
        blocks: blocksOf(body.blocks),
      });
      store.changed();
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    },
  };
}

/** The Slack users the page can act as. */
export const slackUsers = () => CAST.filter((m) => m.slackId !== null);
