import { personalChatId, threadConversation } from './bot-connector.ts';
import { CAST, type CastMember, CHANNELS, TEAMS_BOT, TEAMS_TEAM, TEAMS_TENANT } from './cast.ts';
import { type Json, type PlaygroundStore, personalKey } from './store.ts';

/** Where a card sits in the playground's Teams: a conversation (channel or chat) and the message id. */
export interface TeamsCardPlace {
  readonly conversation: string;
  readonly messageId: string;
}

export interface TeamsActivities {
  /** What Teams sends when the app is added to team channels and (with `chats`) to each person's chat. */
  install(channels: readonly string[], opts: { chats: boolean }): Promise<void>;
  /**
   * A conversation update that adds nobody (as Teams sends when a channel is renamed) in each channel and
   * chat: the app stores where it came from again, so its references lead to this run's Bot Connector.
   */
  reconnect(channels: readonly string[]): Promise<void>;
  /** A message typed by `member` in their chat with the bot, or (with @mention) in a channel. */
  message(member: CastMember, where: { channel?: string }, text: string): Promise<void>;
  /** An Action.Execute on a card (a click, or Teams' automatic refresh); records what the clicker then sees. */
  invoke(
    member: CastMember,
    place: TeamsCardPlace,
    action: { verb: string; data: Json },
    trigger: 'manual' | 'automatic',
  ): Promise<void>;
}

const CHANNEL_NAMES: Record<string, string> = {
  [CHANNELS.teams.cab]: 'CAB approvals',
  [CHANNELS.teams.ecab]: 'Emergency CAB',
  [CHANNELS.teams.releases]: 'Releases',
};

const channelData = (channel: string) => ({
  tenant: { id: TEAMS_TENANT },
  team: TEAMS_TEAM,
  channel: { id: channel, name: CHANNEL_NAMES[channel] ?? 'CAB approvals' },
});

/**
 * Sends Changeboard the activities Teams would send, to the app's real /api/messages endpoint. That endpoint
 * runs in botbuilder's unauthenticated local-development mode, which only the playground's own in-process
 * configuration turns on; the activities' serviceUrl points back at the playground's Bot Connector.
 */
export function createTeamsActivities(opts: {
  messagesUrl: () => string;
  serviceUrl: () => string;
  store: PlaygroundStore;
}): TeamsActivities {
  const { store } = opts;
  let seq = 0;
  const activityId = () => `pg-act-${Date.now()}-${++seq}`;

  const from = (member: CastMember) => {
    if (!member.teams) throw new Error(`${member.name} is not on Teams in the playground`);
    return { id: member.teams.id, name: member.name, aadObjectId: member.teams.aadObjectId };
  };

  const base = (conversation: Json, extra: Json): Json => ({
    id: activityId(),
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl(),
    timestamp: new Date().toISOString(),
    recipient: TEAMS_BOT,
    conversation: { tenantId: TEAMS_TENANT, ...conversation },
    channelData: { tenant: { id: TEAMS_TENANT } },
    ...extra,
  });

  async function post(activity: Json): Promise<Json> {
    const res = await fetch(opts.messagesUrl(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    if (res.status >= 400 && res.status !== 501) {
      throw new Error(`Changeboard answered ${res.status}: ${text.slice(0, 200)}`);
    }
    try {
      return text ? JSON.parse(text) : null;
    } catch {
      return null;
    }
  }

  const note = (user: string, text: string) => {
    store.state.teams.notes.push({ id: store.nextId(), user, text });
    store.changed();
  };

  return {
    async install(channels, { chats }) {
      for (const channel of channels) {
        await post(
          base(
            { id: channel, conversationType: 'channel', isGroup: true },
            {
              type: 'conversationUpdate',
              from: { id: '29:pg-installer' },
              membersAdded: [{ id: TEAMS_BOT.id }],
              channelData: channelData(channel),
            },
          ),
        );
      }
      for (const member of CAST) {
        if (!member.teams || !chats) continue;
        await post(
          base(
            { id: personalChatId(member.teams.id), conversationType: 'personal' },
            {
              type: 'conversationUpdate',
              from: from(member),
              localTimezone: member.timezone,
              membersAdded: [{ id: TEAMS_BOT.id }],
            },
          ),
        );
      }
    },

    async reconnect(channels) {
      for (const channel of channels) {
        await post(
          base(
            { id: channel, conversationType: 'channel', isGroup: true },
            {
              type: 'conversationUpdate',
              from: { id: '29:pg-installer' },
              channelData: { ...channelData(channel), eventType: 'channelRenamed' },
            },
          ),
        );
      }
      for (const member of CAST) {
        if (!member.teams) continue;
        await post(
          base(
            { id: personalChatId(member.teams.id), conversationType: 'personal' },
            { type: 'conversationUpdate', from: from(member), localTimezone: member.timezone },
          ),
        );
      }
    },

    async message(member, where, text) {
      const sender = from(member);
      if (where.channel) {
        // A new post in a channel starts a thread; the bot answers in it.
        const root = `pg-${store.nextId()}`;
        store.addTeamsMessage({
          conversation: where.channel,
          id: root,
          replyTo: null,
          from: sender.id,
          text: `@Changeboard ${text}`,
          card: null,
          revision: 0,
        });
        await post(
          base(
            { id: threadConversation(where.channel, root), conversationType: 'channel', isGroup: true },
            {
              type: 'message',
              from: sender,
              localTimezone: member.timezone,
              text: `<at>Changeboard</at> ${text}`,
              entities: [{ type: 'mention', mentioned: TEAMS_BOT, text: '<at>Changeboard</at>' }],
              channelData: channelData(where.channel),
            },
          ),
        );
        return;
      }
      const chat = personalChatId(sender.id);
      store.addTeamsMessage({
        conversation: chat,
        id: `pg-${store.nextId()}`,
        replyTo: null,
        from: sender.id,
        text,
        card: null,
        revision: 0,
      });
      await post(
        base(
          { id: chat, conversationType: 'personal' },
          { type: 'message', from: sender, localTimezone: member.timezone, text },
        ),
      );
    },

    async invoke(member, place, action, trigger) {
      const sender = from(member);
      const message = store.teamsMessage(place.conversation, place.messageId);
      if (!message) throw new Error('that card is no longer there');
      const inChannel = place.conversation.startsWith('19:');
      const conversation = inChannel
        ? {
            id: threadConversation(place.conversation, message.replyTo ?? message.id),
            conversationType: 'channel',
            isGroup: true,
          }
        : { id: place.conversation, conversationType: 'personal' };
      const reply = await post(
        base(conversation, {
          type: 'invoke',
          name: 'adaptiveCard/action',
          from: sender,
          localTimezone: member.timezone,
          replyToId: message.id,
          value: { action: { type: 'Action.Execute', verb: action.verb, data: action.data }, trigger },
          ...(inChannel ? { channelData: channelData(place.conversation) } : {}),
        }),
      );
      const value = reply?.value;
      if (reply?.type === 'application/vnd.microsoft.card.adaptive' && value) {
        // Teams shows the returned card to the clicker only, in place of the one they clicked.
        store.state.teams.personal[personalKey(place.conversation, message.id, sender.id)] = {
          card: value,
          basedOn: message.revision,
        };
        store.changed();
      } else if (reply?.type === 'application/vnd.microsoft.activity.message' && trigger === 'manual') {
        note(sender.id, String(value));
      } else if (reply?.type === 'application/vnd.microsoft.error' && trigger === 'manual') {
        note(sender.id, `Something went wrong: ${String(value?.message ?? 'no detail')}`);
      }
    },
  };
}
