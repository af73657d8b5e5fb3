import { type Changeboard, startChangeboard } from '../../../src/changeboard.ts';
import type { TeamsConfig } from '../../../src/config.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { silentLogger } from '../../../src/log.ts';
import { testClock } from '../../app/harness.ts';
import {
  type FakeBotConnector,
  type FakeMember,
  startFakeBotConnector,
} from '../../helpers/fake-bot-connector.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';

export const TENANT = 'tenant-1';
export const BOT = { id: '28:changeboard-bot', name: 'Changeboard' };
export const TEAM = { id: '19:team@thread.tacv2', name: 'IT Operations' };
export const CAB_CHANNEL = '19:cab@thread.tacv2';

export interface TeamsUser extends FakeMember {
  readonly key: string;
}

const user = (key: string, name: string): TeamsUser => ({
  key,
  id: `29:${key}`,
  name,
  aadObjectId: `aad-${key}`,
  email: `${key}@example.com`,
});

/** The people of test/helpers/platform-policy.ts as Teams knows them, plus a requester and an outsider. */
export const USERS = {
  rita: user('rita', 'Rita'),
  bob: user('bob', 'Bob'),
  carol: user('carol', 'Carol'),
  ivan: user('ivan', 'Ivan'),
  olga: user('olga', 'Olga'),
} as const;

export const personalChatOf = (u: TeamsUser): string => `a:chat-${u.key}`;

let nextActivity = 0;
const activityId = () => `act-${++nextActivity}`;

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
export type Activity = Record<string, any>;

export interface TeamsTestApp {
  readonly app: Changeboard;
  readonly connector: FakeBotConnector;
  readonly clock: ReturnType<typeof testClock>;
  readonly url: string;
  /** POSTs an activity to /api/messages; `body` is the parsed JSON answer (an invoke's response), if any. */
  post(
    activity: Activity,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: Activity | null }>;
  close(): Promise<void>;
}

export async function startTeamsTestApp(
  opts: {
    teams?: Partial<TeamsConfig>;
    policy?: Policy;
    databasePath?: string;
    connector?: FakeBotConnector;
    publicUrl?: string;
  } = {},
): Promise<TeamsTestApp> {
  const connector = opts.connector ?? (await startFakeBotConnector({ members: Object.values(USERS) }));
  const clock = testClock();
  const app = await startChangeboard({
    config: {
      port: 0,
      host: '127.0.0.1',
      databasePath: opts.databasePath ?? ':memory:',
      policyFile: null,
      logLevel: 'error',
      publicUrl: opts.publicUrl ?? null,
      slack: null,
      teams: {
        appId: null,
        appPassword: null,
        appType: 'SingleTenant',
        tenantId: null,
        allowUnauthenticated: true,
        ...opts.teams,
      },
    },
    policy: opts.policy ?? platformPolicy(),
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
  });
  const url = `http://127.0.0.1:${app.port}/api/messages`;
  return {
    app,
    connector,
    clock,
    url,
    async post(activity, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      let body: Activity | null = null;
      try {
        body = text ? (JSON.parse(text) as Activity) : null;
      } catch {
        body = { text };
      }
      return { status: res.status, body };
    },
    async close() {
      await app.stop();
      if (!opts.connector) await connector.close();
    },
  };
}

function base(
  connector: FakeBotConnector,
  from: TeamsUser | null,
  conversation: Activity,
  extra: Activity = {},
): Activity {
  return {
    id: activityId(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    timestamp: new Date().toISOString(),
    localTimezone: 'Europe/Berlin',
    ...(from
      ? { from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId } }
      : { from: { id: '29:installer' } }),
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    ...extra,
  };
}

const channelData = (channelId: string) => ({
  tenant: { id: TENANT },
  team: TEAM,
  channel: { id: channelId, name: 'CAB approvals' },
});

/** The bot was added to the team: Teams sends a conversationUpdate from the team's channel. */
export function installedInTeam(connector: FakeBotConnector, channelId = CAB_CHANNEL): Activity {
  return base(
    connector,
    null,
    { id: channelId, conversationType: 'channel', isGroup: true },
    {
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
      channelData: channelData(channelId),
    },
  );
}

/** A message in the person's chat with the bot. */
export function personalMessage(connector: FakeBotConnector, from: TeamsUser, text: string): Activity {
  return base(
    connector,
    from,
    { id: personalChatOf(from), conversationType: 'personal' },
    { type: 'message', text },
  );
}

/** A message in a channel, with the bot @mentioned (as Teams sends it). */
export function channelMessage(
  connector: FakeBotConnector,
  from: TeamsUser,
  text: string,
  channelId = CAB_CHANNEL,
): Activity {
  return base(
    connector,
    from,
    { id: `${channelId};messageid=9${nextActivity}`, conversationType: 'channel', isGroup: true },
    {
      type: 'message',
      text: `<at>Changeboard</at> ${text}`,
      entities: [{ type: 'mention', mentioned: BOT, text: '<at>Changeboard</at>' }],
      channelData: channelData(channelId),
    },
  );
}

/** Where a card sits: a personal chat, or a channel thread (the conversation is "<channel>;messageid=<root>"). */
export interface CardLocation {
  readonly conversationId: string;
  readonly messageId: string;
  readonly channelId?: string;
}

/** An Action.Execute click (or Teams' automatic refresh) on a card. */
export function executeAction(
  connector: FakeBotConnector,
  from: TeamsUser,
  where: CardLocation,
  verb: string,
  data: Activity,
  opts: { trigger?: 'manual' | 'automatic'; id?: string } = {},
): Activity {
  const inChannel = where.channelId !== undefined;
  return base(
    connector,
    from,
    inChannel
      ? { id: where.conversationId, conversationType: 'channel', isGroup: true }
      : { id: where.conversationId, conversationType: 'personal' },
    {
      ...(opts.id ? { id: opts.id } : {}),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: where.messageId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: opts.trigger ?? 'manual' },
      ...(inChannel ? { channelData: channelData(where.channelId!) } : {}),
    },
  );
}
