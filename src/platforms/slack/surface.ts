import type { webApi } from '@slack/bolt';
import type { AppContext } from '../../app/context.ts';
import type { ChatSurface, PostedMessage } from '../../app/ports.ts';
import { pageAwaitingMyVote, pageMyOpenChanges, pageScheduledSoon } from '../../app/queries.ts';
import { homeReleases } from '../../app/release/release-queries.ts';
import { calendarPage } from '../../app/schedule/calendar.ts';
import type { PersonRecord } from '../../domain/change/change.ts';
import type { WindowPacer } from '../../jobs/window-pacer.ts';
import { createSlackUpdatePacer, SLACK_HOME_PUBLISH_PACE } from './pace.ts';
import type { Pacer } from './pacer.ts';
import { renderCard, type SlackMessage } from './render/card.ts';
import { HOME_LIST_MAX, renderHome } from './render/home.ts';
import { renderMetricsMessage } from './render/metrics.ts';
import { renderNotice, renderThreadReply } from './render/notice.ts';
import { renderUnregisteredAlert } from './render/unregistered-alert.ts';
import { jobCall } from './web-client.ts';

export interface SlackSurface extends ChatSurface {
  /** Publishes a person's App Home from what is stored now. */
  publishHome(person: PersonRecord): Promise<void>;
}

/** The Slack side of the job handlers: posts and updates cards, DMs people, replies in threads, refreshes App Home. */
export function createSlackSurface(deps: {
  ctx: AppContext;
  client: webApi.WebClient;
  pacer: Pacer;
  /** Card updates for the workspace (chat.update's tier); one of its own by default. */
  updatePacer?: WindowPacer;
}): SlackSurface {
  const { ctx, client, pacer } = deps;
  const updatePacer = deps.updatePacer ?? createSlackUpdatePacer(ctx.clock);
  const tz = () => ctx.policy.defaults.timezone;
  const call = <T>(fn: () => Promise<T>) => jobCall(ctx.clock, fn);
  const dmChannels = new Map<string, string>();
  // Updates to one message go out in the order they were rendered, so an older render never lands last.
  const updateChains = new Map<string, Promise<void>>();

  async function dmChannelOf(person: PersonRecord): Promise<string> {
    const user = person.slackUserId;
    if (!user) throw new Error(`person ${person.id} has no Slack identity`);
    const known = dmChannels.get(user);
    if (known) return known;
    const res = await call(() => client.conversations.open({ users: user }));
    const channel = res.channel?.id;
    if (!channel) throw new Error(`conversations.open returned no channel for ${user}`);
    dmChannels.set(user, channel);
    return channel;
  }

  async function post(
    channel: string,
    message: SlackMessage | { text: string },
    threadTs?: string,
  ): Promise<PostedMessage> {
    await pacer.take(channel);
    const res = await call(() =>
      client.chat.postMessage({
        channel,
        text: message.text,
        ...('blocks' in message ? { blocks: message.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    if (!res.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
    return { channel: res.channel ?? channel, messageId: res.ts };
  }

  async function publishHome(person: PersonRecord): Promise<void> {
    const user = person.slackUserId;
    if (!user) return;
    // Each list is one bounded page and a capped count, whatever the number of open or closed changes.
    const page = { offset: 0, limit: HOME_LIST_MAX };
    const mine = pageMyOpenChanges(ctx, person, page);
    const awaiting = pageAwaitingMyVote(ctx, person, page);
    const soon = pageScheduledSoon(ctx, 7, page);
    const view = renderHome({
      mine: mine.items,
      awaitingMyVote: awaiting.items,
      scheduledSoon: soon.items,
      timezone: tz(),
      totals: { mine: mine.total, awaitingMyVote: awaiting.total, scheduledSoon: soon.total },
      releases: homeReleases(ctx, person),
      calendar: calendarPage(ctx, { days: 7, page: 1, timeZone: person.timezone ?? tz() }),
    });
    await call(() => client.views.publish({ user_id: user, view }));
  }

  return {
    platform: 'slack',
    channelsOf: (board) => board.channels.slack,
    canReach: (person) => person.slackUserId !== null,

    postCard: (channel, card) => post(channel, renderCard(card, tz())),

    async sendCardToPerson(person, card) {
      return post(await dmChannelOf(person), renderCard(card, tz()));
    },

    updateCard(cardPost, card) {
      const key = `${cardPost.channel}:${cardPost.messageId}`;
      const previous = updateChains.get(key) ?? Promise.resolve();
      const next = previous
        .catch(() => undefined)
        .then(async () => {
          // A copy the workspace's pace turns away is not rendered: its follow-up renders the latest state.
          await updatePacer.acquire('chat.update');
          const view = card();
          if (!view) return;
          const message = renderCard(view, tz());
          await call(() =>
            client.chat.update({
              channel: cardPost.channel,
              ts: cardPost.messageId,
              text: message.text,
              blocks: message.blocks,
            }),
          );
        });
      updateChains.set(key, next);
      void next
        .finally(() => {
          if (updateChains.get(key) === next) updateChains.delete(key);
        })
        .catch(() => undefined);
      return next;
    },

    async replyInThread(cardPost, text) {
      await post(cardPost.channel, renderThreadReply(text), cardPost.messageId);
    },

    async sendUnregisteredAlert(person, alert) {
      await post(await dmChannelOf(person), renderUnregisteredAlert(alert, tz()));
    },
    async notifyPerson(person, notice) {
      await post(await dmChannelOf(person), renderNotice(notice));
    },

    publishHome,

    async sendFileToPerson(person, file) {
      const channel = await dmChannelOf(person);
      await call(() =>
        client.files.uploadV2({
          channel_id: channel,
          file: Buffer.from(file.bytes),
          filename: file.filename,
          title: file.title,
          initial_comment: file.comment,
        }),
      );
    },

    async postMetrics(to, message) {
      const channel = 'person' in to ? await dmChannelOf(to.person) : to.channel;
      const rendered = renderMetricsMessage(message.view);
      await pacer.take(channel);
      // One upload (files:write): getUploadURLExternal, the bytes, then completeUploadExternal shares the
      // chart in the channel with the figures as its message.
      await call(() =>
        client.files.uploadV2({
          channel_id: channel,
          file: message.chart.png,
          filename: message.chart.filename,
          title: message.chart.altText,
          alt_text: message.chart.altText,
          blocks: rendered.blocks,
        }),
      );
    },

    changesMovedPace: SLACK_HOME_PUBLISH_PACE,
    async changesMoved(people) {
      const seen = new Set<string>();
      const targets = people.filter(
        (p) => p.slackUserId && !seen.has(p.slackUserId) && seen.add(p.slackUserId),
      );
      const results = await Promise.allSettled(targets.map((p) => publishHome(p)));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
