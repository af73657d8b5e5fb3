import { App } from '@slack/bolt';
import type { SlackConfig } from '../../config.ts';
import type { PlatformAdapter, PlatformDeps } from '../platform.ts';
import { boltLogger } from './bolt-logger.ts';
import { createErrorPresenter } from './errors.ts';
import { createIdentityResolver } from './identity.ts';
import { registerListeners } from './listeners/index.ts';
import { createSlackUpdatePacer, SLACK_PACE } from './pace.ts';
import { createPacer } from './pacer.ts';
import { createSharedServerReceiver } from './receiver.ts';
import { createSlackReleaseSurface } from './release/surface.ts';
import { createSocketModeReceiver } from './socket-receiver.ts';
import { createSlackSurface, type SlackSurface } from './surface.ts';
import { clientOptions, createJobClient } from './web-client.ts';

export interface SlackAdapter extends PlatformAdapter {
  readonly name: 'slack';
  readonly surface: SlackSurface;
  /** Resolves once every Slack request received so far is fully handled (listeners included). */
  idle(): Promise<void>;
}

/** The same pace as the job thread's (one place for it). */
const PACE = SLACK_PACE;

/**
 * The Slack adapter: a Bolt app reached over the shared HTTP server at POST /slack/events (signed requests),
 * or over Socket Mode when an app-level token is configured; a ChatSurface for the jobs; App Home.
 */
export async function createSlackAdapter(config: SlackConfig, deps: PlatformDeps): Promise<SlackAdapter> {
  const log = deps.log.child({ platform: 'slack' });
  const socketMode = config.appToken !== null;
  if (!socketMode && config.signingSecret === null) {
    throw new Error(
      'Slack over HTTP needs a signing secret (SLACK_SIGNING_SECRET), or an app token for Socket Mode',
    );
  }
  const options = clientOptions(config, log.child({ component: 'web-api' }));
  const http = socketMode ? null : createSharedServerReceiver({ signingSecret: config.signingSecret!, log });
  const receiver =
    http ??
    createSocketModeReceiver({
      appToken: config.appToken!,
      logger: boltLogger(log.child({ component: 'socket-mode' })),
      // Socket Mode's own default retries apps.connections.open 100 times: start-up would seem to hang for
      // hours when Slack is unreachable. A few quick retries ride out a blip; then start-up fails plainly.
      installerOptions: {
        clientOptions: {
          ...options,
          retryConfig: { retries: 4, factor: 2, minTimeout: 500, maxTimeout: 5_000 },
        },
      },
    });
  const app = new App({
    token: config.botToken,
    receiver,
    logger: boltLogger(log.child({ component: 'bolt' })),
    // Interactive calls (views.open with a 3-second trigger) gain nothing from Slack's 30-minute retry policy.
    clientOptions: { ...options, retryConfig: { retries: 2, minTimeout: 200, maxTimeout: 1000 } },
    // No conversation store: state lives in the database, never in Bolt's memory.
    convoStore: false,
    // With both ids known Bolt needs no auth.test call at start (offline start-up, tests).
    ...(config.botId && config.botUserId ? { botId: config.botId, botUserId: config.botUserId } : {}),
  });

  const jobClient = createJobClient(config, log.child({ component: 'jobs-web-api' }));
  const pacer = createPacer(PACE);
  const updatePacer = createSlackUpdatePacer(deps.ctx.clock);
  const surface = createSlackSurface({ ctx: deps.ctx, client: jobClient, pacer, updatePacer });
  registerListeners(app, {
    ctx: deps.ctx,
    log,
    identity: createIdentityResolver(deps.ctx, app.client),
    present: createErrorPresenter(log),
    surface,
  });

  return {
    name: 'slack',
    routes: http ? [http.route] : [],
    surface,
    releaseSurface: createSlackReleaseSurface({ ctx: deps.ctx, client: jobClient, pacer, updatePacer }),
    async start() {
      if (socketMode) {
        await app.start();
        log.info('slack socket mode connected');
      }
    },
    async stop() {
      // HTTP: waits for in-flight requests. Socket Mode: closes the connection, then waits for its listeners.
      await app.stop();
    },
    idle: () => receiver.idle(),
  };
}
