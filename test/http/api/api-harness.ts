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
import { testClock } from '../../app/harness.ts';
import { makeDraft } from '../../domain/fixtures.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';

export interface ApiReply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are inspected loosely in tests.
  readonly json: any;
}

export interface ApiHarness {
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
  opts: { policy?: Policy; config?: Partial<Config>; pollIntervalMs?: number } = {},
): Promise<ApiHarness> {
  const clock = testClock();
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
      slack: null,
      teams: null,
      ...opts.config,
    },
    policy,
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
    gate: { freezes: () => freezes, pollIntervalMs: opts.pollIntervalMs ?? 20 },
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
  let tokens = 0;
  return {
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
    stop: () => app.stop(),
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
