import { type Activity, TurnContext } from 'botbuilder';
import type { ConversationRefsRepository } from '../../../db/conversation-refs-repo.ts';
import { baseConversationId, channelDataOf, conversationKind } from './activity-info.ts';

/**
 * Stores where this activity came from, so the bot can post there later without being spoken to: a channel
 * (keyed by the channel, not the thread), a group chat, or a person's chat with the bot. Runs on every
 * activity (install, conversation update, message, invoke); an unchanged reference costs one read.
 */
export function captureConversation(
  refs: ConversationRefsRepository,
  activity: Activity,
  opts: { personId: number | null; now: Date },
): void {
  const conversationId = baseConversationId(activity);
  if (!conversationId || !activity.serviceUrl) return;
  const kind = conversationKind(activity);
  const reference = TurnContext.getConversationReference(activity);
  // A thread's id, a message id and the sender vary per activity; the stored reference is the conversation's.
  const stored = {
    channelId: reference.channelId,
    serviceUrl: reference.serviceUrl,
    bot: reference.bot,
    conversation: {
      id: conversationId,
      ...(reference.conversation?.conversationType
        ? { conversationType: reference.conversation.conversationType }
        : {}),
      ...(reference.conversation?.tenantId ? { tenantId: reference.conversation.tenantId } : {}),
      ...(reference.conversation?.isGroup !== undefined ? { isGroup: reference.conversation.isGroup } : {}),
    },
    ...(kind === 'personal' && reference.user ? { user: reference.user } : {}),
  };
  const data = channelDataOf(activity);
  refs.save(
    {
      conversationId,
      kind,
      teamId: data.team?.id ?? null,
      name: data.channel?.name ?? data.team?.name ?? activity.conversation?.name ?? null,
      personId: kind === 'personal' ? opts.personId : null,
      reference: stored,
    },
    opts.now,
  );
}
