import type { Activity, CloudAdapter, ConversationParameters, ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../../db/conversation-refs-repo.ts';

/** The Bot Connector calls this module makes (botframework-connector's ConnectorClient, which botbuilder does not re-export). */
interface Conversations {
  createConversation(parameters: ConversationParameters): Promise<{ id?: string; activityId?: string }>;
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  updateActivity(
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<{ id?: string }>;
}

/** The activity id of a new channel thread's first message, from the thread's conversation id "19:…;messageid=N". */
export function messageIdOfThread(conversationId: string): string | null {
  return /;messageid=([^;]+)/.exec(conversationId)?.[1] ?? null;
}

/** The conversation id to address a channel thread by: "<channel>;messageid=<root message id>". */
export const threadOf = (channelId: string, rootMessageId: string): string =>
  `${channelId};messageid=${rootMessageId}`;

export interface Proactive {
  /** Posts a message as a new conversation (a new thread in a channel); returns the thread and message ids. */
  startThread(
    via: ConversationRef,
    channelId: string,
    activity: Partial<Activity>,
  ): Promise<{ conversationId: string; activityId: string }>;
  /** Opens (or reopens) the bot's personal chat with a user (29:… id); returns its conversation id. */
  openPersonalChat(via: ConversationRef, userId: string): Promise<string>;
  /** Posts into a conversation (a chat, or a channel thread "…;messageid=N"); returns the message id. */
  send(via: ConversationRef, conversationId: string, activity: Partial<Activity>): Promise<string>;
  /** Replaces a posted message (updateActivity). */
  update(
    via: ConversationRef,
    conversationId: string,
    activityId: string,
    activity: Partial<Activity>,
  ): Promise<void>;
}

/**
 * Bot-initiated calls to Teams, outside any incoming turn: the adapter opens a turn for a stored reference
 * (continueConversationAsync), which gives an authenticated Bot Connector client for that reference's service
 * URL, and the calls go through it. Using the connector directly keeps the `activityId` Teams returns for a new
 * thread instead of reading it out of the conversation id, and sends without a stray replyToId.
 */
export function createProactive(adapter: CloudAdapter, appId: string | null): Proactive {
  async function withConnector<T>(
    via: ConversationRef,
    fn: (c: Conversations, ref: Partial<ConversationReference>) => Promise<T>,
  ) {
    const reference = via.reference as Partial<ConversationReference>;
    const box: { outcome?: { ok: true; value: T } | { ok: false; error: unknown } } = {};
    await adapter.continueConversationAsync(appId ?? '', reference, async (context) => {
      // Caught here, not left to the adapter: its onTurnError would swallow the error, and the job must see
      // it (a 429 becomes a RetryLater, anything else a retry with backoff).
      try {
        const connector = context.turnState.get(context.adapter.ConnectorClientKey) as {
          conversations: Conversations;
        };
        box.outcome = { ok: true, value: await fn(connector.conversations, reference) };
      } catch (error) {
        box.outcome = { ok: false, error };
      }
    });
    const done = box.outcome;
    if (done === undefined) throw new Error('the Teams turn ended without running');
    if (!done.ok) throw done.error;
    return done.value;
  }

  const tenantOf = (ref: Partial<ConversationReference>) => ref.conversation?.tenantId;

  const outgoing = (
    ref: Partial<ConversationReference>,
    conversationId: string,
    activity: Partial<Activity>,
  ) =>
    ({
      type: 'message',
      ...activity,
      channelId: ref.channelId,
      serviceUrl: ref.serviceUrl,
      from: ref.bot,
      conversation: { id: conversationId },
    }) as Partial<Activity>;

  return {
    startThread(via, channelId, activity) {
      return withConnector(via, async (c, ref) => {
        const tenantId = tenantOf(ref);
        const created = await c.createConversation({
          isGroup: true,
          bot: ref.bot,
          channelData: { channel: { id: channelId }, ...(tenantId ? { tenant: { id: tenantId } } : {}) },
          activity: { type: 'message', ...activity } as Activity,
          ...(tenantId ? { tenantId } : {}),
        } as ConversationParameters);
        const conversationId = created.id ?? '';
        // The first message's id is NOT the thread's conversation id (the `;messageid=` trap in PLATFORM-NOTES).
        const activityId = created.activityId ?? messageIdOfThread(conversationId);
        if (!conversationId || !activityId)
          throw new Error('Teams did not return the new thread and message ids');
        return { conversationId, activityId };
      });
    },
    openPersonalChat(via, userId) {
      return withConnector(via, async (c, ref) => {
        const tenantId = tenantOf(ref);
        const created = await c.createConversation({
          isGroup: false,
          bot: ref.bot,
          members: [{ id: userId }],
          ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
        } as ConversationParameters);
        if (!created.id) throw new Error('Teams did not return the personal chat id');
        return created.id;
      });
    },
    send(via, conversationId, activity) {
      return withConnector(via, async (c, ref) => {
        const sent = await c.sendToConversation(conversationId, outgoing(ref, conversationId, activity));
        return sent.id ?? '';
      });
    },
    update(via, conversationId, activityId, activity) {
      return withConnector(via, async (c, ref) => {
        await c.updateActivity(conversationId, activityId, {
          ...outgoing(ref, conversationId, activity),
          id: activityId,
        });
      });
    },
  };
}
