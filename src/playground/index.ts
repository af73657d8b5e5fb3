import { randomBytes } from 'node:crypto';
import { type Changeboard, startChangeboard } from '../changeboard.ts';
import { type Config, isLoopbackHost } from '../config.ts';
import { createConversationRefsRepository } from '../db/conversation-refs-repo.ts';
import { nextRunAt } from '../jobs/queue.ts';
import type { Logger } from '../log.ts';
import { createBotConnector } from './bot-connector.ts';
import { CHANNELS, SLACK_BOT } from './cast.ts';
import { createPlaygroundClock, type PlaygroundClock } from './clock.ts';
import { demoPolicy } from './demo-policy.ts';
import { createPageApi } from './page-api.ts';
import { openScreens } from './persistence.ts';
import { createPlaygroundServer } from './server.ts';
import { createSlackRequests } from './slack-requests.ts';
import { createSlackWorld } from './slack-web-api.ts';
import { createStore, type PlaygroundStore } from './store.ts';
import { createTeamsActivities } from './teams-activities.ts';

export interface PlaygroundOptions {
  /** The page's port (0: any free port). */
  readonly port: number;
  /** Must be a loopback address. */
  readonly host: string;
  /** The port of the Changeboard app the playground drives (0: any free port); always on 127.0.0.1. */
  readonly appPort: number;
  readonly databasePath: string;
  readonly log: Logger;
  readonly logLevel?: Config['logLevel'];
  /** The worker heartbeat (null: none; the page's actions and the clock wake the worker themselves). */
  readonly heartbeat?: string | null;
}

export interface Playground {
  /** The page's address, e.g. http://127.0.0.1:3001 */
  readonly url: string;
  readonly app: Changeboard;
  readonly store: PlaygroundStore;
  readonly clock: PlaygroundClock;
  stop(): Promise<void>;
}

/** Thrown when the playground must not run here (a non-loopback address, or real platform settings). */
export class PlaygroundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlaygroundRefused';
  }
}

/** Refuses to run the playground beside a real Slack or Teams configuration. */
export function assertNoRealPlatform(config: Pick<Config, 'slack' | 'teams'>): void {
  const real = [config.slack ? 'Slack' : null, config.teams ? 'Teams' : null].filter(Boolean);
  if (real.length > 0) {
    throw new PlaygroundRefused(
      `the playground does not run while ${real.join(' and ')} ${real.length > 1 ? 'are' : 'is'} configured: it acts as any user and plays both platforms itself. Unset the Slack and Teams variables, or set PLAYGROUND=false`,
    );
  }
}

/**
 * The local playground: its own loopback server with the page, and the real Changeboard (real Slack and
 * Teams adapters, real database, real job worker) configured to talk to that server as if it were Slack's
 * Web API and the Bot Connector. The page's clicks become signed Slack requests and Teams activities.
 */
export async function startPlayground(opts: PlaygroundOptions): Promise<Playground> {
  if (!isLoopbackHost(opts.host)) {
    throw new PlaygroundRefused(
      `the playground only listens on a loopback address (127.0.0.1, ::1 or localhost), not ${JSON.stringify(opts.host)}: anyone who can open it can act as anyone`,
    );
  }
  const log = opts.log.child({ component: 'playground' });
  const screens = openScreens(opts.databasePath, log);
  const store = createStore(screens.initial);
  const clock = createPlaygroundClock({
    offsetMs: store.state.clockOffsetMs ?? 0,
    onMove: (offset) => {
      store.state.clockOffsetMs = offset;
    },
  });
  let baseUrl = '';
  let appUrl = '';
  const world = createSlackWorld(store, () => baseUrl);
  const connector = createBotConnector(store);
  // A fresh secret per run, known only to this process: nothing signed with it is valid anywhere else.
  const signingSecret = randomBytes(32).toString('hex');
  const slack = createSlackRequests({
    eventsUrl: () => `${appUrl}/slack/events`,
    signingSecret,
    world,
    store,
  });
  const teams = createTeamsActivities({
    messagesUrl: () => `${appUrl}/api/messages`,
    serviceUrl: () => `${baseUrl}/connector/`,
    store,
  });
  let app: Changeboard | null = null;
  const runDueJobs = async () => (app ? app.worker.drain() : 0);
  const nextDueAt = () => (app ? nextRunAt(app.database.db) : null);
  const api = createPageApi({ store, clock, slack, teams, runDueJobs, nextDueAt });
  const server = createPlaygroundServer(log, () => ({
    page: api.handle,
    slackApi: world.handleWebApi,
    slackResponse: world.handleResponseUrl,
    connector: connector.handle,
  }));
  const listening = await server.listen(opts.port, opts.host);
  baseUrl = listening.url;

  const config: Config = {
    port: opts.appPort,
    // The app runs Teams without authentication here: it must never be reachable from another machine.
    host: '127.0.0.1',
    databasePath: opts.databasePath,
    policyFile: null,
    logLevel: opts.logLevel ?? 'info',
    publicUrl: null,
    slack: {
      botToken: 'xoxb-playground',
      signingSecret,
      appToken: null,
      apiUrl: `${baseUrl}/slack-api/`,
      botUserId: SLACK_BOT.userId,
      botId: SLACK_BOT.botId,
    },
    teams: {
      appId: null,
      appPassword: null,
      appType: 'SingleTenant',
      tenantId: null,
      allowUnauthenticated: true,
    },
  };
  try {
    app = await startChangeboard({
      config,
      policy: demoPolicy(),
      log: opts.log,
      clock: clock.now,
      catchUp: false,
      ...(opts.heartbeat === undefined ? {} : { heartbeat: opts.heartbeat }),
    });
  } catch (error) {
    await server.close();
    throw error;
  }
  appUrl = `http://127.0.0.1:${app.port}`;
  const started = app;
  try {
    // Teams has the app installed in the CAB and release channels and in everyone's chat, as an admin would
    // set it up. A database that already knows them needs no second install (and no second welcome card);
    // one kept from before the release channel existed gets the app added there.
    const refs = createConversationRefsRepository(started.database);
    const channels = [CHANNELS.teams.cab, CHANNELS.teams.ecab, CHANNELS.teams.releases];
    if (screens.databaseIsNew) await teams.install(channels, { chats: true });
    else {
      const missing = channels.filter((c) => refs.get(c) === null);
      await teams.install(missing, { chats: false });
      // The page may listen on another port than last time: the stored references must lead here.
      await teams.reconnect(channels.filter((c) => !missing.includes(c)));
    }
    // The catch-up (the train's cards queued at start-up, whatever came due while it was stopped) runs
    // once Teams has told the app where its channels are; only then does the due timer start waking.
    await started.catchUp();
  } catch (error) {
    await started.stop();
    await server.close();
    throw error;
  }
  const flush = screens.keep(store);
  log.info('playground ready', { url: baseUrl, app: appUrl });
  return {
    url: baseUrl,
    app: started,
    store,
    clock,
    async stop() {
      // The app first: its in-flight jobs still reach the playground's Slack and Teams while they finish.
      await started.stop();
      await server.close();
      flush();
    },
  };
}
