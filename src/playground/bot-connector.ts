import type { IncomingMessage, ServerResponse } from 'node:http';
import { CAST, castByTeamsId, TEAMS_TENANT } from './cast.ts';
import { readText, sendJson } from './http-util.ts';
import type { Json, PlaygroundStore } from './store.ts';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** A person's chat with the bot, as the playground's Teams names it. */
export const personalChatId = (teamsUserId: string): string => `a:pg-chat-${teamsUserId.replace(/^29:/, '')}`;

/** A channel thread's conversation id: "<channel>;messageid=<root>". */
export const threadConversation = (channel: string, root: string): string => `${channel};messageid=${root}`;

const cardOf = (activity: Json): Json | null =>
  (activity?.attachments ?? []).find((a: Json) => a?.contentType === CARD)?.content ?? null;

const memberJson = (teamsId: string): Json | null => {
  const m = castByTeamsId(teamsId);
  if (!m?.teams) return null;
  return {
    id: m.teams.id,
    name: m.name,
    aadObjectId: m.teams.aadObjectId,
    email: m.email,
    userPrincipalName: m.email,
    tenantId: TEAMS_TENANT,
  };
};

/**
 * The playground's Bot Connector (what the activities' serviceUrl points at): answers the calls botbuilder
 * makes for Changeboard — new channel threads, personal chats, messages, replies, updates, member lookups —
 * like Teams does, and records every message so the page can show it.
 */
export function createBotConnector(store: PlaygroundStore) {
  const newId = () => String(5000 + store.nextId());

  /** Splits "19:…;messageid=N" into the channel and the thread root. */
  const split = (conversation: string) => {
    const [base = '', suffix] = conversation.split(';messageid=');
    return { base, root: suffix ?? null };
  };

  function record(conversation: string, activity: Json, replyTo: string | null): string {
    const id = newId();
    if (activity?.type && activity.type !== 'message') return id;
    const { base, root } = split(conversation);
    store.addTeamsMessage({
      conversation: base,
      id,
      // A reply to a message we know stays in its thread; anything else in a channel is a new post.
      replyTo: root ?? (replyTo && store.teamsMessage(base, replyTo) ? replyTo : null),
      from: null,
      text: typeof activity?.text === 'string' && activity.text !== '' ? activity.text : null,
      card: cardOf(activity),
      revision: 0,
    });
    return id;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const raw = await readText(req);
    const body: Json = raw ? JSON.parse(raw) : null;
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    // ['v3', 'conversations', conversationId?, 'activities' | 'members', id?]
    if (parts[0] !== 'v3' || parts[1] !== 'conversations')
      return sendJson(res, 404, { error: { code: 'NotFound' } });
    const conversation = parts[2] ?? null;
    const sub = parts[3] ?? null;
    const item = parts[4] ?? null;
    const method = req.method ?? 'GET';

    if (method === 'POST' && conversation === null) {
      const channel: string | undefined = body?.channelData?.channel?.id;
      if (channel) {
        // A new thread in a channel: its first message is the activity.
        const activityId = newId();
        store.addTeamsMessage({
          conversation: channel,
          id: activityId,
          replyTo: null,
          from: null,
          text: body.activity?.text || null,
          card: cardOf(body.activity),
          revision: 0,
        });
        return sendJson(res, 201, { id: threadConversation(channel, activityId), activityId });
      }
      const user: string = body?.members?.[0]?.id ?? '';
      if (!memberJson(user)) return sendJson(res, 404, { error: { code: 'MemberNotFound' } });
      return sendJson(res, 201, { id: personalChatId(user) });
    }
    if (conversation !== null && sub === 'activities') {
      if (method === 'POST') return sendJson(res, 201, { id: record(conversation, body, item) });
      if (method === 'PUT' && item) {
        const message = store.teamsMessage(split(conversation).base, item);
        if (!message) return sendJson(res, 404, { error: { code: 'ActivityNotFound' } });
        message.text = typeof body?.text === 'string' && body.text !== '' ? body.text : null;
        message.card = cardOf(body);
        message.revision += 1;
        store.changed();
        return sendJson(res, 200, { id: item });
      }
    }
    if (conversation !== null && sub === 'members' && method === 'GET') {
      if (item) {
        const member = memberJson(item);
        return member
          ? sendJson(res, 200, member)
          : sendJson(res, 404, { error: { code: 'MemberNotFound' } });
      }
      return sendJson(
        res,
        200,
        CAST.flatMap((m) => (m.teams ? [memberJson(m.teams.id)] : [])),
      );
    }
    if (conversation !== null && sub === 'pagedmembers' && method === 'GET') {
      return sendJson(res, 200, { members: CAST.flatMap((m) => (m.teams ? [memberJson(m.teams.id)] : [])) });
    }
    return sendJson(res, 404, { error: { code: 'NotFound' } });
  }

  return { handle };
}
