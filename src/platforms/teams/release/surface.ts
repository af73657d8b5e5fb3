import type { Activity } from 'botbuilder';
import type { AppContext } from '../../../app/context.ts';
import type { ReleaseSurface } from '../../../app/release/ports.ts';
import type { ConversationRef, ConversationRefsRepository } from '../../../db/conversation-refs-repo.ts';
import type { PersonRecord } from '../../../domain/change/change.ts';
import type { Pacer } from '../pacer.ts';
import { type Proactive, threadOf } from '../proactive.ts';
import { type AdaptiveCard, attachmentOf } from '../render/adaptive-card.ts';
import { withThrottling } from '../throttling.ts';
import { renderReleaseCard, renderReleaseMessage } from './render.ts';

const cardActivity = (card: AdaptiveCard, summary: string): Partial<Activity> => ({
  type: 'message',
  summary,
  attachments: [attachmentOf(card)],
});

/**
 * The Teams side of the release jobs: a release card is a new thread in each of the model's channels,
 * updated in place; reminders and announcements are new posts in those channels; the release manager
 * hears by personal chat. Works from stored conversation references, so after a restart too.
 */
export function createTeamsReleaseSurface(deps: {
  ctx: AppContext;
  refs: ConversationRefsRepository;
  proactive: Proactive;
  pacer: Pacer;
}): ReleaseSurface {
  const { ctx, refs, proactive, pacer } = deps;

  function via(conversationId: string): ConversationRef {
    const ref = refs.get(conversationId) ?? refs.mostRecent('channel') ?? refs.mostRecent();
    if (!ref)
      throw new Error(`Teams conversation ${conversationId} is unknown: add the Changeboard app to its team`);
    return ref;
  }

  async function call<T>(rateKey: string, fn: () => Promise<T>): Promise<T> {
    await pacer.acquire(rateKey);
    return withThrottling(fn, ctx.clock);
  }

  async function postToChannel(channel: string, activity: Partial<Activity>) {
    const through = via(channel);
    if (through.conversationId === channel && through.kind !== 'channel') {
      const messageId = await call(channel, () => proactive.send(through, channel, activity));
      return { channel, messageId };
    }
    const thread = await call(channel, () => proactive.startThread(through, channel, activity));
    return { channel, messageId: thread.activityId };
  }

  async function personalChat(person: PersonRecord): Promise<string> {
    const known = refs.personalChatOf(person.id);
    if (known) return known.conversationId;
    if (!person.teamsChannelId) throw new Error(`person ${person.id} has no Teams chat to message`);
    const through = via('');
    return call('open-chat', () => proactive.openPersonalChat(through, person.teamsChannelId!));
  }

  return {
    platform: 'teams',
    channelsOf: (model) => model.channels.teams,
    canReach: (person) => refs.personalChatOf(person.id) !== null || Boolean(person.teamsChannelId),
    postReleaseCard: (channel, view) =>
      postToChannel(channel, cardActivity(renderReleaseCard(view), `${view.key}: ${view.name}`)),
    async updateReleaseCard(post, view) {
      const known = refs.get(post.channel);
      const conversationId = (known ? known.kind === 'channel' : /@thread\.(tacv2|skype)$/.test(post.channel))
        ? threadOf(post.channel, post.messageId)
        : post.channel;
      const activity = cardActivity(renderReleaseCard(view), `${view.key}: ${view.name}`);
      await call(post.channel, () =>
        proactive.update(via(post.channel), conversationId, post.messageId, activity),
      );
    },
    async postReleaseMessage(channel, message) {
      await postToChannel(channel, cardActivity(renderReleaseMessage(message), message.headline));
    },
    async sendReleaseMessage(person, message) {
      const chat = await personalChat(person);
      const through = refs.get(chat) ?? via('');
      await call(chat, () =>
        proactive.send(through, chat, cardActivity(renderReleaseMessage(message), message.headline)),
      );
    },
  };
}
