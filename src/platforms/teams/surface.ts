import type { Activity } from 'botbuilder';
import type { AppContext } from '../../app/context.ts';
import type { Notice } from '../../app/jobs/kinds.ts';
import type { ChatSurface, PostedMessage } from '../../app/ports.ts';
import type { CardPost } from '../../db/card-posts-repo.ts';
import type { ConversationRef, ConversationRefsRepository } from '../../db/conversation-refs-repo.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import type { Logger } from '../../log.ts';
import { sharedCard } from './card-views.ts';
import type { Pacer } from './pacer.ts';
import { type Proactive, threadOf } from './proactive.ts';
import { attachmentOf } from './render/adaptive-card.ts';
import { renderNoticeCard } from './render/info-cards.ts';
import { renderDownloadCard, renderMetricsCard } from './render/metrics-card.ts';
import { renderUnregisteredAlertCard } from './render/unregistered-alert-card.ts';
import { statusOf, withThrottling } from './throttling.ts';

const TEAM_CHANNEL = /@thread\.(tacv2|skype)$/;

export interface TeamsSurfaceDeps {
  readonly ctx: AppContext;
  readonly refs: ConversationRefsRepository;
  readonly proactive: Proactive;
  readonly pacer: Pacer;
  readonly log: Logger;
}

const cardActivity = (card: ReturnType<typeof sharedCard>, summary: string): Partial<Activity> => ({
  type: 'message',
  summary,
  attachments: [attachmentOf(card)],
});

/**
 * The Teams side of the job handlers: posts cards to CAB channels (a new thread each), direct messages,
 * updates every stored copy in place, replies in the card's thread. Every call is paced per conversation and
 * a 429 reschedules the job; all of it works from stored conversation references, so after a restart too.
 */
export function createTeamsSurface(deps: TeamsSurfaceDeps): ChatSurface {
  const { ctx, refs, proactive, pacer, log } = deps;

  /** A stored reference for the conversation, or any one with the same service URL and tenant to reach it. */
  function via(conversationId: string): ConversationRef {
    const ref = refs.get(conversationId) ?? refs.mostRecent('channel') ?? refs.mostRecent();
    if (!ref) {
      throw new Error(
        `Teams conversation ${conversationId} is unknown: add the Changeboard app to its team (or chat) so it can post there`,
      );
    }
    return ref;
  }

  const isTeamChannel = (conversationId: string): boolean => {
    const known = refs.get(conversationId);
    return known ? known.kind === 'channel' : TEAM_CHANNEL.test(conversationId);
  };

  /** Where a stored copy lives: a channel post is addressed through its thread. */
  const conversationOf = (post: CardPost): string =>
    isTeamChannel(post.channel) && !post.channel.includes(';')
      ? threadOf(post.channel, post.messageId)
      : post.channel;

  async function call<T>(rateKey: string, fn: () => Promise<T>): Promise<T> {
    await pacer.acquire(rateKey);
    return withThrottling(fn, ctx.clock);
  }

  /** The person's chat with the bot: stored, or opened from their Teams id (29:…) and then stored. */
  async function personalChat(person: PersonRecord): Promise<ConversationRef> {
    const known = refs.personalChatOf(person.id);
    if (known) return known;
    if (!person.teamsChannelId) throw new Error(`person ${person.id} has no Teams chat to message`);
    const through = via('');
    const conversationId = await call('open-chat', () =>
      proactive.openPersonalChat(through, person.teamsChannelId!),
    );
    const base = through.reference as { conversation?: { tenantId?: string } };
    const tenantId = base.conversation?.tenantId;
    refs.save(
      {
        conversationId,
        kind: 'personal',
        teamId: null,
        name: null,
        personId: person.id,
        reference: {
          ...through.reference,
          conversation: {
            id: conversationId,
            conversationType: 'personal',
            ...(tenantId ? { tenantId } : {}),
          },
          user: { id: person.teamsChannelId, name: person.name },
        },
      },
      ctx.clock(),
    );
    return refs.get(conversationId)!;
  }

  async function sendTo(chat: ConversationRef, activity: Partial<Activity>): Promise<PostedMessage> {
    const messageId = await call(chat.conversationId, () =>
      proactive.send(chat, chat.conversationId, activity),
    );
    return { channel: chat.conversationId, messageId };
  }

  return {
    async sendDownloadLink(person, link) {
      const chat = await personalChat(person);
      await sendTo(chat, {
        type: 'message',
        summary: link.title,
        attachments: [attachmentOf(renderDownloadCard(link))],
      });
    },
    async postMetrics(to, message) {
      const chat = 'person' in to ? await personalChat(to.person) : via(to.channel);
      const activity: Partial<Activity> = {
        type: 'message',
        summary: `${message.view.title} (${message.view.scope})`,
        attachments: [attachmentOf(renderMetricsCard(message))],
      };
      if ('channel' in to && isTeamChannel(to.channel) && !to.channel.includes(';')) {
        // A team channel takes a new post as a new thread, like the CAB card.
        await call(to.channel, () => proactive.startThread(chat, to.channel, activity));
        return;
      }
      if ('channel' in to && chat.conversationId !== to.channel) {
        await call(to.channel, () => proactive.send(chat, to.channel, activity));
        return;
      }
      await sendTo(chat, activity);
    },
    platform: 'teams',
    channelsOf: (board) => board.channels.teams,
    canReach: (person) => refs.personalChatOf(person.id) !== null || Boolean(person.teamsChannelId),

    async postCard(channel, view) {
      const through = via(channel);
      const activity = cardActivity(sharedCard(ctx, view), `${view.key}: ${view.title}`);
      if (through.conversationId === channel && through.kind !== 'channel') {
        // A group chat registered as a CAB "channel" has no threads: the card is a plain message.
        return sendTo(through, activity);
      }
      const thread = await call(channel, () => proactive.startThread(through, channel, activity));
      // Stored under the channel id (so a retried post job finds it) and the root message's id.
      return { channel, messageId: thread.activityId };
    },

    async sendCardToPerson(person, view) {
      const chat = await personalChat(person);
      return sendTo(chat, cardActivity(sharedCard(ctx, view), `${view.key}: ${view.title}`));
    },

    async updateCard(post, card) {
      const conversationId = conversationOf(post);
      try {
        // Built once the pacer lets the update go: a copy the rate limit turns away costs no rendering.
        await call(post.channel, async () => {
          const view = card();
          if (!view) return;
          await proactive.update(
            via(post.channel.split(';')[0] ?? ''),
            conversationId,
            post.messageId,
            cardActivity(sharedCard(ctx, view), `${view.key}: ${view.title}`),
          );
        });
      } catch (error) {
        // A deleted message cannot be updated, now or later: retrying would only hold back the other copies.
        if (statusOf(error) !== 404) throw error;
        log.warn('a Teams copy of the card is gone; not updating it', {
          change: formatChangeKey(post.changeId),
          post: post.id,
        });
      }
    },

    async replyInThread(post, text) {
      const conversationId = conversationOf(post);
      const through = via(post.channel.split(';')[0] ?? '');
      await call(post.channel, () =>
        proactive.send(through, conversationId, { type: 'message', text, textFormat: 'plain' }),
      );
    },

    async sendUnregisteredAlert(person, alert) {
      const chat = await personalChat(person);
      const content = renderUnregisteredAlertCard(alert);
      await sendTo(chat, {
        type: 'message',
        summary: content.fallbackText,
        attachments: [attachmentOf(content)],
      });
    },

    async notifyPerson(person, notice: Notice) {
      const chat = await personalChat(person);
      await sendTo(chat, {
        type: 'message',
        summary: notice.headline,
        attachments: [attachmentOf(renderNoticeCard(notice))],
      });
    },
  };
}
