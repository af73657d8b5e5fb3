import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../../app/context.ts';
import type { ReleaseSurface } from '../../../app/release/ports.ts';
import type { PersonRecord } from '../../../domain/change/change.ts';
import type { WindowPacer } from '../../../jobs/window-pacer.ts';
import type { Pacer } from '../pacer.ts';
import type { SlackMessage } from '../render/card.ts';
import { jobCall } from '../web-client.ts';
import { renderReleaseCard } from './render-card.ts';
import { renderReleaseMessage } from './render-message.ts';

/** The Slack side of the release jobs: posts and updates release cards, posts reminders, DMs managers. */
export function createSlackReleaseSurface(deps: {
  ctx: AppContext;
  client: webApi.WebClient;
  pacer: Pacer;
  /** The workspace's chat.update bucket, shared with the change cards. */
  updatePacer: WindowPacer;
}): ReleaseSurface {
  const { ctx, client, pacer, updatePacer } = deps;
  const tz = () => ctx.policy.defaults.timezone;
  const call = <T>(fn: () => Promise<T>) => jobCall(ctx.clock, fn);

  async function post(channel: string, message: SlackMessage) {
    await pacer.take(channel);
    const res = await call(() =>
      client.chat.postMessage({ channel, text: message.text, blocks: message.blocks, unfurl_links: false }),
    );
    if (!res.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
    return { channel: res.channel ?? channel, messageId: res.ts };
  }

  async function dmChannel(person: PersonRecord): Promise<string> {
    if (!person.slackUserId) throw new Error(`person ${person.id} has no Slack identity`);
    const user = person.slackUserId;
    const res = await call(() => client.conversations.open({ users: user }));
    if (!res.channel?.id) throw new Error(`conversations.open returned no channel for ${user}`);
    return res.channel.id;
  }

  return {
    platform: 'slack',
    channelsOf: (model) => model.channels.slack,
    canReach: (person) => person.slackUserId !== null,
    postReleaseCard: (channel, card) => post(channel, renderReleaseCard(card, tz())),
    async updateReleaseCard(p, card) {
      // Turned away (RetryLater) before rendering when the workspace is at chat.update's tier.
      await updatePacer.acquire('chat.update');
      const message = renderReleaseCard(card, tz());
      await call(() =>
        client.chat.update({
          channel: p.channel,
          ts: p.messageId,
          text: message.text,
          blocks: message.blocks,
        }),
      );
    },
    async postReleaseMessage(channel, message) {
      await post(channel, renderReleaseMessage(message));
    },
    async sendReleaseMessage(person, message) {
      await post(await dmChannel(person), renderReleaseMessage(message));
    },
  };
}
