import { type Changeboard, startChangeboard } from '../../../src/changeboard.ts';
import type { Config, SlackConfig } from '../../../src/config.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { silentLogger } from '../../../src/log.ts';
import type { SlackAdapter } from '../../../src/platforms/slack/index.ts';
import { testClock } from '../../app/harness.ts';
import { type FakeSlackApi, type RecordedCall, startFakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { formBody, interactionBody, signedHeaders } from '../../helpers/slack-signing.ts';
import { type FormInput, fillView, formInput } from './form-input.ts';

export const SIGNING_SECRET = 'test-signing-secret';

/** People of the platform policy as Slack knows them (plus a requester and an outsider). */
export const USERS = {
  UREQ: { name: 'Rita', email: 'rita@example.com', tz: 'America/New_York' },
  UALICE: { name: 'Alice', email: 'alice@example.com', tz: 'Europe/Berlin' },
  UCAROL: { name: 'Carol', email: 'carol@example.com', tz: 'Europe/Lisbon' },
  UDAVE: { name: 'Dave', email: 'dave@example.com', tz: 'Europe/Berlin' },
  UERIN: { name: 'Erin', email: 'erin@example.com', tz: 'Europe/Berlin' },
  UIVAN: { name: 'Ivan', email: 'ivan@example.com', tz: 'Asia/Kolkata' },
  UOUT: { name: 'Oscar', email: 'oscar@example.com', tz: 'UTC' },
} as const;

export interface HttpReply {
  readonly status: number;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected loosely in tests.
  readonly json: any;
}

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;

export interface SlackHarness {
  readonly app: Changeboard;
  readonly slack: SlackAdapter;
  readonly fake: FakeSlackApi;
  readonly clock: ReturnType<typeof testClock>;
  readonly baseUrl: string;
  post(body: string, contentType: string, headers?: Record<string, string>): Promise<HttpReply>;
  command(user: string, text: string): Promise<HttpReply>;
  click(
    user: string,
    actionId: string,
    value: string,
    where?: { channel?: string; ts?: string; home?: boolean },
  ): Promise<HttpReply>;
  submit(user: string, view: Json, input: FormInput): Promise<HttpReply>;
  shortcut(user: string, channel: string, message: { text: string; ts: string }): Promise<HttpReply>;
  event(
    event: Record<string, unknown>,
    eventId: string,
    headers?: Record<string, string>,
  ): Promise<HttpReply>;
  /** Waits for the listeners, then runs every due job, then waits for listeners again. */
  settle(): Promise<void>;
  /** The view of the latest views.open call. */
  lastOpenedView(): Json;
  callsTo(method: string): RecordedCall[];
  stop(): Promise<void>;
}

let triggers = 0;

/** The app's configuration for Slack tests: in-memory database, any free port, Slack only, no auth.test. */
export function slackTestConfig(slack: Pick<SlackConfig, 'signingSecret' | 'apiUrl' | 'appToken'>): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databasePath: ':memory:',
    policyFile: null,
    logLevel: 'error',
    publicUrl: null,
    slack: { botToken: 'xoxb-test', botUserId: 'UBOT', botId: 'BBOT', ...slack },
    teams: null,
  };
}

export async function startSlackHarness(
  opts: { policy?: Policy; users?: Record<string, { name: string; email: string; tz: string }> } = {},
): Promise<SlackHarness> {
  const fake = await startFakeSlackApi();
  for (const [id, user] of Object.entries({ ...USERS, ...opts.users })) fake.addUser(id, user);
  const clock = testClock();
  const config = slackTestConfig({ signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, appToken: null });
  const app = await startChangeboard({
    config,
    policy: opts.policy ?? platformPolicy(),
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
  });
  const slack = app.adapters.find((a) => a.name === 'slack') as SlackAdapter;
  const baseUrl = `http://127.0.0.1:${app.port}`;

  async function post(
    body: string,
    contentType: string,
    headers: Record<string, string> = signedHeaders(SIGNING_SECRET, body),
  ): Promise<HttpReply> {
    const res = await fetch(`${baseUrl}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': contentType, ...headers },
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  }
  const form = (body: string) => post(body, 'application/x-www-form-urlencoded');
  const who = (user: string) => ({
    id: user,
    username: user.toLowerCase(),
    name: user.toLowerCase(),
    team_id: 'T0',
  });
  const trigger = () => `trigger-${++triggers}`;

  return {
    app,
    slack,
    fake,
    clock,
    baseUrl,
    post,
    command: (user, text) =>
      form(
        formBody({
          token: 'x',
          team_id: 'T0',
          team_domain: 'acme',
          channel_id: 'CGENERAL',
          channel_name: 'general',
          user_id: user,
          user_name: user.toLowerCase(),
          command: '/change',
          text,
          api_app_id: 'A0',
          response_url: fake.responseUrl(`command-${user}`),
          trigger_id: trigger(),
        }),
      ),
    click: (user, actionId, value, where = {}) => {
      const channel = where.channel ?? 'CCAB';
      const ts = where.ts ?? '1772442000.000001';
      const base = {
        type: 'block_actions',
        team: { id: 'T0', domain: 'acme' },
        user: who(user),
        api_app_id: 'A0',
        token: 'x',
        trigger_id: trigger(),
      };
      const action = {
        type: 'button',
        action_id: actionId,
        block_id: 'b',
        value,
        action_ts: '1772442001.000000',
      };
      const payload = where.home
        ? {
            ...base,
            container: { type: 'view', view_id: 'VHOME' },
            view: {
              id: 'VHOME',
              type: 'home',
              callback_id: '',
              private_metadata: '',
              state: { values: {} },
              blocks: [],
            },
            actions: [action],
          }
        : {
            ...base,
            container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
            channel: { id: channel, name: channel.toLowerCase() },
            message: { type: 'message', ts, text: 'card' },
            response_url: fake.responseUrl(`${actionId}-${user}`),
            actions: [action],
          };
      return form(interactionBody(payload));
    },
    submit: (user, view, input) =>
      form(
        interactionBody({
          type: 'view_submission',
          team: { id: 'T0', domain: 'acme' },
          user: who(user),
          api_app_id: 'A0',
          token: 'x',
          trigger_id: trigger(),
          view: {
            ...view,
            id: 'VMODAL',
            state: { values: fillView(view, input) },
            private_metadata: view.private_metadata ?? '',
          },
        }),
      ),
    shortcut: (user, channel, message) =>
      form(
        interactionBody({
          type: 'message_action',
          callback_id: 'raise_change_from_message',
          trigger_id: trigger(),
          message_ts: message.ts,
          response_url: fake.responseUrl(`shortcut-${user}`),
          message: { type: 'message', user: 'UOTHER', ts: message.ts, text: message.text },
          user: who(user),
          channel: { id: channel, name: channel.toLowerCase() },
          team: { id: 'T0', domain: 'acme' },
          token: 'x',
          action_ts: '1772442001.000000',
        }),
      ),
    event: (event, eventId, headers = {}) => {
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T0',
        api_app_id: 'A0',
        type: 'event_callback',
        event_id: eventId,
        event_time: 1772442000,
        event,
      });
      return post(body, 'application/json', { ...signedHeaders(SIGNING_SECRET, body), ...headers });
    },
    async settle() {
      await slack.idle();
      await app.worker.drain();
      await slack.idle();
    },
    lastOpenedView() {
      const opened = fake.callsTo('views.open').at(-1);
      if (!opened) throw new Error('no views.open call was recorded');
      return opened.args.view;
    },
    callsTo: (method) => fake.callsTo(method),
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}

/** Raises a change through `/change` and the modal, runs the jobs, and returns its id. */
export async function raiseThroughSlack(
  h: SlackHarness,
  user: string,
  overrides: FormInput = {},
): Promise<number> {
  await h.command(user, 'new');
  await h.settle();
  const reply = await h.submit(user, h.lastOpenedView(), formInput(h.clock.now(), overrides));
  if (reply.status !== 200 || reply.text !== '')
    throw new Error(`form refused: ${reply.status} ${reply.text}`);
  await h.settle();
  const row = h.app.database.sqlite.prepare('SELECT max(id) AS id FROM changes').get() as {
    id: number | null;
  };
  if (row.id === null) throw new Error('no change was raised');
  return row.id;
}
