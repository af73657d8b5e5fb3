import { createApiToken } from '../../../src/app/api/tokens.ts';
import type { Actor } from '../../../src/app/context.ts';
import { resolveActor } from '../../../src/app/context.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { type Changeboard, startChangeboard } from '../../../src/changeboard.ts';
import type { Config } from '../../../src/config.ts';
import type { ChangeDraft } from '../../../src/domain/change/types.ts';
import type { Freeze } from '../../../src/domain/gate/types.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { silentLogger } from '../../../src/log.ts';
import type { SlackAdapter } from '../../../src/platforms/slack/index.ts';
import { testClock } from '../../app/harness.ts';
import { makeDraft } from '../../domain/fixtures.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../../helpers/fake-bot-connector.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { signedHeaders } from '../../helpers/slack-signing.ts';
import { installedInTeam, USERS as TEAMS_USERS } from '../../platforms/teams/teams-harness.ts';

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected loosely in tests.
  readonly json: any;
}

export interface ApiPlatforms {
  readonly slack: FakeSlackApi;
  readonly connector: FakeBotConnector;
  /** Waits for Slack listeners, runs every due job, waits again. */
  settle(): Promise<void>;
  /** POSTs a Teams activity to /api/messages; `body` is the invoke's answer, if any. */
  // biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
  teams(activity: Record<string, unknown>): Promise<{ status: number; body: any }>;
  /** POSTs a signed Slack request body to /slack/events. */
  slackPost(body: string): Promise<{ status: number; text: string }>;
}

export interface ApiHarness {
  /** Fake Slack Web API and Bot Connector, when started with `platforms: true`. */
  readonly platforms: ApiPlatforms | null;
  readonly app: Changeboard;
  readonly clock: ReturnType<typeof testClock>;
  readonly baseUrl: string;
  /** Freezes the gate sees (the freeze source reads this list on every check). */
  readonly freezes: Freeze[];
  token(scopes: string[], name?: string): string;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<ApiReply>;
  get(path: string, headers?: Record<string, string>): Promise<ApiReply>;
  /** A person acting from Slack, by id (for raising and voting through the real use cases). */
  actor(slackUserId: string, name: string, email: string): Actor;
  /** Raises a change through the use case; returns its id. */
  raise(draft?: Partial<ChangeDraft>): number;
  /** Raises a normal low-risk change and has Alice approve it. */
  raiseApproved(draft?: Partial<ChangeDraft>): number;
  count(table: string): number;
  /** Audit events of one action, oldest first, with their data parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: audit data is inspected loosely in tests.
  audit(action: string): any[];
  stop(): Promise<void>;
}

/** Changeboard on a free port with the platform policy (production and prod require a change). */
export async function startApiHarness(
  opts: {
    policy?: Policy;
    config?: Partial<Config>;
    pollIntervalMs?: number;
    platforms?: boolean;
    /** Let the gate read the policy's freezes (the production default) instead of `freezes` below. */
    policyFreezes?: boolean;
  } = {},
): Promise<ApiHarness> {
  const clock = testClock();
  const slackApi = opts.platforms ? await startFakeSlackApi() : null;
  for (const [id, user] of Object.entries(SLACK_USERS)) slackApi?.addUser(id, user);
  const connector = opts.platforms
    ? await startFakeBotConnector({ members: Object.values(TEAMS_USERS) })
    : null;
  const freezes: Freeze[] = [];
  const policy: Policy = opts.policy ?? {
    ...platformPolicy(),
    gate: { requireChangeIn: ['production', 'prod'] },
  };
  const app = await startChangeboard({
    config: {
      port: 0,
      host: '127.0.0.1',
      databasePath: ':memory:',
      policyFile: null,
      logLevel: 'error',
      publicUrl: null,
      slack: slackApi
        ? {
            botToken: 'xoxb-test',
            signingSecret: SIGNING_SECRET,
            apiUrl: slackApi.apiUrl,
            botUserId: 'UBOT',
            botId: 'BBOT',
            appToken: null,
          }
        : null,
      teams: connector
        ? {
            appId: null,
            appPassword: null,
            appType: 'SingleTenant',
            tenantId: null,
            allowUnauthenticated: true,
          }
        : null,
      ...opts.config,
    },
    policy,
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
    gate: {
      ...(opts.policyFreezes ? {} : { freezes: () => freezes }),
      pollIntervalMs: opts.pollIntervalMs ?? 20,
    },
  });
  const baseUrl = `http://127.0.0.1:${app.port}`;
  const call = async (method: string, path: string, body: unknown, headers: Record<string, string>) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null };
  };
  const actor = (slackUserId: string, name: string, email: string) =>
    resolveActor(app.ctx, { platform: 'slack', slackUserId, name, email });
  const raise = (draft: Partial<ChangeDraft> = {}) => {
    const raised = raiseChange(app.ctx, actor('UREQ', 'Rita', 'rita@example.com'), {
      draft: makeDraft({ services: ['web'], ...draft }),
    });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    return raised.value.change.id;
  };
  const teams = async (activity: Record<string, unknown>) => {
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  const slackAdapter = () => app.adapters.find((a) => a.name === 'slack') as SlackAdapter | undefined;
  const platforms: ApiPlatforms | null =
    slackApi && connector
      ? {
          slack: slackApi,
          connector,
          teams,
          async settle() {
            await slackAdapter()?.idle();
            await app.worker.drain();
            await slackAdapter()?.idle();
          },
          async slackPost(body) {
            const res = await fetch(`${baseUrl}/slack/events`, {
              method: 'POST',
              body,
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                ...signedHeaders(SIGNING_SECRET, body),
              },
            });
            return { status: res.status, text: await res.text() };
          },
        }
      : null;
  // The Teams app is installed in the CAB's team, so the bot can post in its channel.
  if (connector) await teams(installedInTeam(connector));
  let tokens = 0;
  return {
    platforms,
    app,
    clock,
    baseUrl,
    freezes,
    token(scopes, name = `ci-${++tokens}`) {
      const created = createApiToken(app.ctx, { name, scopes, createdBy: 'test', platform: 'cli' });
      if (!created.ok) throw new Error(created.error.message);
      return created.value.token;
    },
    post: (path, body, headers = {}) => call('POST', path, body, headers),
    get: (path, headers = {}) => call('GET', path, undefined, headers),
    actor,
    raise,
    raiseApproved(draft = {}) {
      const id = raise(draft);
      const voted = castVote(app.ctx, actor('UALICE', 'Alice', 'alice@example.com'), {
        changeId: id,
        version: 1,
        decision: 'approve',
        reason: null,
      });
      if (!voted.ok || voted.value.decided !== 'approved') throw new Error('the change was not approved');
      return id;
    },
    count: (table) =>
      (app.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    audit: (action) =>
      (
        app.database.sqlite
          .prepare('SELECT * FROM audit_events WHERE action = ? ORDER BY seq')
          .all(action) as { data: string; actor_name: string; platform: string; change_id: number | null }[]
      ).map((e) => ({ ...e, actorName: e.actor_name, changeId: e.change_id, data: JSON.parse(e.data) })),
    async stop() {
      await app.stop();
      await slackApi?.close();
      await connector?.close();
    },
  };
}

const SIGNING_SECRET = 'gate-test-secret';

/** The platform policy's people as Slack knows them. */
export const SLACK_USERS = {
  UREQ: { name: 'Rita', email: 'rita@example.com', tz: 'Europe/Berlin' },
  UALICE: { name: 'Alice', email: 'alice@example.com', tz: 'Europe/Berlin' },
  UDAVE: { name: 'Dave', email: 'dave@example.com', tz: 'Europe/Berlin' },
  UIVAN: { name: 'Ivan', email: 'ivan@example.com', tz: 'Asia/Kolkata' },
} as const;

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
