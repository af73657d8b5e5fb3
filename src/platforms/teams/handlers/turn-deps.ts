import type { TurnContext } from 'botbuilder';
import type { AppContext } from '../../../app/context.ts';
import type { ConversationRefsRepository } from '../../../db/conversation-refs-repo.ts';
import type { Logger } from '../../../log.ts';
import { baseConversationId } from '../bot/activity-info.ts';
import type { ActorResolver } from '../bot/actor.ts';
import type { InvokeBody } from '../errors.ts';
import type { Pacer } from '../pacer.ts';
import { type AdaptiveCard, attachmentOf } from '../render/adaptive-card.ts';

/** What every Teams handler works with. */
export interface TurnDeps {
  readonly ctx: AppContext;
  readonly log: Logger;
  readonly actors: ActorResolver;
  readonly refs: ConversationRefsRepository;
  readonly pacer: Pacer;
}

/** Replies in the conversation (paced like every other send); returns the new message's id. */
export async function replyWith(
  context: TurnContext,
  deps: TurnDeps,
  content: AdaptiveCard | string,
): Promise<string | null> {
  await deps.pacer.acquire(baseConversationId(context.activity));
  const sent = await context.sendActivity(
    typeof content === 'string'
      ? { type: 'message', text: content, textFormat: 'plain' }
      : { type: 'message', attachments: [attachmentOf(content)] },
  );
  return sent?.id ?? null;
}

/** Answers an invoke: botbuilder returns this as the HTTP response to Teams' POST. */
export async function answerInvoke(context: TurnContext, body: InvokeBody): Promise<void> {
  await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
