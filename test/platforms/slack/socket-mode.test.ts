import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Changeboard, startChangeboard } from '../../../src/changeboard.ts';
import { silentLogger } from '../../../src/log.ts';
import { ACTION, COMMAND, VIEW } from '../../../src/platforms/slack/ids.ts';
import { helpMessage } from '../../../src/platforms/slack/render/command-text.ts';
import { testClock } from '../../app/harness.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { slackTestConfig, USERS } from './slack-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: Socket Mode frames are inspected loosely.
type Json = any;

/** Slack's first frame on a new Socket Mode connection; the client's start() resolves only when it arrives. */
const HELLO = {
  type: 'hello',
  num_connections: 1,
  debug_info: { host: 'applink-test', build_number: 1, approximate_connection_time: 18060 },
  connection_info: { app_id: 'A0' },
};

/** A local stand-in for Slack's Socket Mode endpoint: says hello, records what the app sends and how it closes. */
interface FakeSocketModeServer {
  readonly url: string;
  /** Frames the app sent (its acks), parsed. */
  readonly received: Json[];
  /** Close codes of the connections that ended. */
  readonly closes: number[];
  connections(): number;
  send(envelope: Json): void;
  close(): Promise<void>;
}

async function startFakeSocketModeServer(): Promise<FakeSocketModeServer> {
  const wss = new WebSocket.Server({ host: '127.0.0.1', port: 0, path: '/link' });
  await once(wss, 'listening');
  const received: Json[] = [];
  const closes: number[] = [];
  let connections = 0;
  let current: WebSocket | null = null;
  wss.on('connection', (socket: WebSocket) => {
    connections += 1;
    current = socket;
    socket.on('message', (data) => received.push(JSON.parse(String(data))));
    socket.on('close', (code: number) => closes.push(code));
    socket.send(JSON.stringify(HELLO));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`,
    received,
    closes,
    connections: () => connections,
    send(envelope) {
      if (!current) throw new Error('the app has not connected');
      current.send(JSON.stringify(envelope));
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const client of wss.clients) client.terminate();
        wss.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Polls `probe` until it returns something other than undefined, for at most `ms`; no sleep is an assertion. */
async function until<T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const ackOf = (server: FakeSocketModeServer, envelopeId: string) =>
  until(`the ack of ${envelopeId}`, () => server.received.find((m) => m.envelope_id === envelopeId));

const slashCommand = (envelopeId: string, user: string, text: string) => ({
  envelope_id: envelopeId,
  type: 'slash_commands',
  accepts_response_payload: true,
  payload: {
    token: 'x',
    team_id: 'T0',
    team_domain: 'acme',
    channel_id: 'CGENERAL',
    channel_name: 'general',
    user_id: user,
    user_name: user.toLowerCase(),
    command: COMMAND,
    text,
    api_app_id: 'A0',
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/response/unused',
    trigger_id: `trigger-${envelopeId}`,
  },
});

const homeOpened = (envelopeId: string, eventId: string, user: string) => ({
  envelope_id: envelopeId,
  type: 'events_api',
  accepts_response_payload: false,
  retry_attempt: 0,
  retry_reason: '',
  payload: {
    token: 'x',
    team_id: 'T0',
    api_app_id: 'A0',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1772442000,
    event: { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1772442000.000100' },
  },
});

const homeButton = (envelopeId: string, user: string, actionId: string) => ({
  envelope_id: envelopeId,
  type: 'interactive',
  accepts_response_payload: false,
  payload: {
    type: 'block_actions',
    team: { id: 'T0', domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0' },
    api_app_id: 'A0',
    token: 'x',
    trigger_id: `trigger-${envelopeId}`,
    container: { type: 'view', view_id: 'VHOME' },
    view: {
      id: 'VHOME',
      type: 'home',
      callback_id: '',
      private_metadata: '',
      state: { values: {} },
      blocks: [],
    },
    actions: [
      { type: 'button', action_id: actionId, block_id: 'b', value: 'new', action_ts: '1772442001.000000' },
    ],
  },
});

let fake: FakeSlackApi;
let socket: FakeSocketModeServer;
let app: Changeboard;
let running: boolean;

async function stopApp(): Promise<void> {
  running = false;
  await app.stop();
}

beforeEach(async () => {
  fake = await startFakeSlackApi();
  for (const [id, user] of Object.entries(USERS)) fake.addUser(id, user);
  socket = await startFakeSocketModeServer();
  fake.answer('apps.connections.open', { ok: true, url: socket.url });
  const config = slackTestConfig({ signingSecret: null, apiUrl: fake.apiUrl, appToken: 'xapp-test' });
  // Resolves only once the app has opened the socket and Slack's hello has arrived.
  app = await startChangeboard({
    config,
    policy: platformPolicy(),
    log: silentLogger,
    clock: testClock().now,
    heartbeat: null,
  });
  running = true;
});

afterEach(async () => {
  if (running) await stopApp();
  await socket.close();
  await fake.close();
});

describe('Slack over Socket Mode', () => {
  it('opens its connection with the app-level token and the URL Slack hands out', () => {
    const opens = fake.callsTo('apps.connections.open');
    expect(opens).toHaveLength(1);
    expect(opens[0]?.token).toBe('xapp-test');
    expect(socket.connections()).toBe(1);
  });

  it('answers /change help in the ack of its envelope, so nothing goes through response_url', async () => {
    socket.send(slashCommand('env-help', 'UREQ', 'help'));
    const ack = await ackOf(socket, 'env-help');
    const help = helpMessage();
    expect(ack).toEqual({
      envelope_id: 'env-help',
      payload: { response_type: 'ephemeral', text: help.text, blocks: help.blocks },
    });
    expect(JSON.stringify(ack.payload.blocks)).toContain(`${COMMAND} new`);
    expect(fake.calls.filter((c) => c.method !== 'apps.connections.open')).toEqual([]);
  });

  it('publishes App Home with the bot token when app_home_opened arrives as an events_api envelope', async () => {
    socket.send(homeOpened('env-home', 'Ev001', 'UALICE'));
    expect(await ackOf(socket, 'env-home')).toEqual({ envelope_id: 'env-home', payload: {} });
    const publish = await until('views.publish', () => fake.callsTo('views.publish')[0]);
    expect(publish.args.user_id).toBe('UALICE');
    expect((publish.args.view as { type: string }).type).toBe('home');
    expect(publish.token).toBe('xoxb-test');
  });

  it('opens the change form with the trigger of an interactive envelope and acks it', async () => {
    socket.send(homeButton('env-click', 'UREQ', ACTION.newChange));
    expect(await ackOf(socket, 'env-click')).toEqual({ envelope_id: 'env-click', payload: {} });
    const opened = await until('views.open', () => fake.callsTo('views.open')[0]);
    expect(opened.args.trigger_id).toBe('trigger-env-click');
    expect((opened.args.view as { callback_id: string }).callback_id).toBe(VIEW.changeForm);
  });

  it('does not serve POST /slack/events, while the rest of the server answers', async () => {
    const base = `http://127.0.0.1:${app.port}`;
    const events = await fetch(`${base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url_verification', challenge: 'abc123' }),
    });
    await events.text();
    expect(events.status).toBe(404);
    const health = await fetch(`${base}/healthz`);
    await health.text();
    expect(health.status).toBe(200);
  });

  it('closes the socket with a normal closure when the app stops, and does not reconnect', async () => {
    await stopApp();
    expect(await until('the close of the connection', () => socket.closes[0])).toBe(1000);
    expect(socket.connections()).toBe(1);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
  });

  it('lets a listener that is still running finish before the app stops', async () => {
    const release = fake.hold('users.info');
    socket.send(homeOpened('env-late', 'Ev002', 'UALICE'));
    await until('the users.info call', () => fake.callsTo('users.info')[0]);
    const stopping = stopApp();
    // The socket is closed first, so no new envelope arrives while the listener finishes.
    await until('the close of the connection', () => socket.closes[0]);
    release();
    await stopping;
    expect(fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['UALICE']);
  });
});
