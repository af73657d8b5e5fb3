import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { CAST, CHANNELS } from '../../src/playground/cast.ts';
import {
  assertNoRealPlatform,
  type Playground,
  PlaygroundRefused,
  startPlayground,
} from '../../src/playground/index.ts';
import { signSlackRequest } from '../../src/playground/slack-requests.ts';
import { slashCommands } from '../../src/playground/slash-commands.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/playground/static-assets.ts';
import { slackTestConfig } from '../platforms/slack/slack-harness.ts';

const options = { port: 0, appPort: 0, databasePath: ':memory:', log: silentLogger, heartbeat: null };

/** Resolves with the socket error code ('ECONNREFUSED') or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

/** Every address of this machine that another machine could use (plus 127.0.0.2, another local address). */
function otherAddresses(): string[] {
  const external = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  return [...external, '127.0.0.2'];
}

describe('the playground refuses to run where it must not', () => {
  it.each(['0.0.0.0', '192.0.2.10', '::', 'example.com'])('on the non-loopback host %s', async (host) => {
    await expect(startPlayground({ ...options, host })).rejects.toThrow(PlaygroundRefused);
    await expect(startPlayground({ ...options, host })).rejects.toThrow(/only listens on a loopback address/);
  });

  it('beside a configured Slack or Teams', () => {
    const slack = slackTestConfig({ signingSecret: 'real', apiUrl: null, appToken: null });
    expect(() => assertNoRealPlatform(slack)).toThrow(/does not run while Slack is configured/);
    const teams = {
      slack: null,
      teams: {
        appId: 'app',
        appPassword: 'pw',
        appType: 'SingleTenant' as const,
        tenantId: 't',
        allowUnauthenticated: false,
      },
    };
    expect(() => assertNoRealPlatform(teams)).toThrow(/does not run while Teams is configured/);
    expect(() => assertNoRealPlatform({ slack: null, teams: null })).not.toThrow();
  });
});

describe('a running playground', () => {
  let pg: Playground;
  let port: number;
  let appPort: number;
  beforeAll(async () => {
    pg = await startPlayground({ ...options, host: '127.0.0.1' });
    port = Number(new URL(pg.url).port);
    appPort = pg.app.port;
  });
  afterAll(() => pg.stop());

  it('answers on the loopback address and nothing on any other address of this machine', async () => {
    expect(await tryConnect('127.0.0.1', port)).toBe('connected');
    for (const address of otherAddresses()) {
      expect(await tryConnect(address, port)).toBe('ECONNREFUSED');
      // The app it drives runs Teams without authentication: it is loopback-only too.
      expect(await tryConnect(address, appPort)).toBe('ECONNREFUSED');
    }
  });

  it('serves the page and its assets from the project under a strict content security policy', async () => {
    const page = await fetch(`${pg.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    const html = await page.text();
    expect(html).toContain('local trial');
    // No script or stylesheet from anywhere but this server.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const renderer = await fetch(`${pg.url}/vendor/adaptivecards.js`);
    expect(renderer.status).toBe(200);
    expect(await renderer.text()).toContain('AdaptiveCards');
    expect((await fetch(`${pg.url}/assets/../index.ts`)).status).toBe(404);
  });

  it('refuses requests for another host name and page actions that are not JSON', async () => {
    // fetch() will not send a Host header of its own choosing; node:http does, as a rebinding page's would be.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        path: '/api/state',
        headers: { host: `evil.example:${port}` },
      });
      req.once('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once('error', reject);
      req.end();
    });
    expect(rebound).toBe(421);
    const form = await fetch(`${pg.url}/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'hours=24',
    });
    expect(form.status).toBe(415);
  });

  it('offers the slash commands of the Slack manifest, and no other', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../manifests/slack/manifest.json', import.meta.url), 'utf8'),
    );
    const declared = manifest.features.slash_commands.map((c: { command: string }) => c.command);
    expect(slashCommands().map((c) => c.command)).toEqual(declared);
    const res = await fetch(`${pg.url}/api/slack/command`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ as: 'rita', channel: CHANNELS.slack.cab, command: '/nope', text: 'help' }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(
      /\/nope is not a command of this Slack app/,
    );
  });

  it('signs its Slack requests with its own secret: the real app refuses any other signature', async () => {
    const body = new URLSearchParams({ command: '/change', text: 'help', user_id: 'UPGRITA' }).toString();
    const res = await fetch(`http://127.0.0.1:${appPort}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...signSlackRequest('not-the-playground-secret', body),
      },
      body,
    });
    expect(res.status).toBe(401);
  });

  it('has the app installed in the CAB channels and every Teams person’s chat at start', async () => {
    const state = (await (await fetch(`${pg.url}/api/state`)).json()) as {
      teams: { messages: { conversation: string }[] };
    };
    const conversations = new Set(state.teams.messages.map((m: { conversation: string }) => m.conversation));
    expect(conversations.has(CHANNELS.teams.cab)).toBe(true);
    const onTeams = CAST.filter((m) => m.teams !== null);
    expect(
      state.teams.messages.filter((m: { conversation: string }) => m.conversation.startsWith('a:')),
    ).toHaveLength(onTeams.length);
  });

  it('has the weekly release train planned ahead, its cards in both release channels', () => {
    const { slack, teams } = pg.store.state;
    const slackCards = slack.messages.filter((m) => m.channel === CHANNELS.slack.releases);
    expect(slackCards.length).toBeGreaterThan(0);
    for (const m of slackCards) expect(m.text).toMatch(/^REL-\d+ Weekly release train .*: Planned$/);
    const teamsCards = teams.messages
      .filter((m) => m.conversation === CHANNELS.teams.releases)
      .map((m) => JSON.stringify(m.card));
    expect(teamsCards.filter((c) => /REL-\d+ Weekly release train/.test(c))).toHaveLength(slackCards.length);
    // The release managers come from the cast, in turn.
    expect(slackCards.map((m) => JSON.stringify(m.blocks))[0]).toMatch(/Ivan Petrov/);
  });

  it('moves its clock only forward, by a bounded amount, and runs what came due', async () => {
    const before = pg.clock.now().getTime();
    const post = (hours: unknown) =>
      fetch(`${pg.url}/api/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hours }),
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as { ok: boolean } }));
    expect((await post(-1)).status).toBe(400);
    expect((await post(1000)).status).toBe(400);
    const moved = await post(2);
    expect(moved.status).toBe(200);
    expect(moved.json.ok).toBe(true);
    expect(pg.clock.now().getTime() - before).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(pg.app.ctx.clock().getTime()).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
  });

  it('stops the clock at each job due on the way: a week ahead, the train reminds on time, never late', async () => {
    const res = await fetch(`${pg.url}/api/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hours: 24 * 8 }),
    });
    expect(res.status).toBe(200);
    const posted = pg.store.state.slack.messages
      .filter((m) => m.channel === CHANNELS.slack.releases)
      .map((m) => m.text);
    // A weekly train's next instance falls within the week: its reminders ran, T-24h (if it was still ahead
    // when the instance was planned) before T-1h, and none of them as "sent late".
    const reminders = posted.filter((t) => /^Reminder \(T-/.test(t));
    expect(reminders.length).toBeGreaterThan(0);
    for (const key of new Set(reminders.map((t) => /REL-\d+/.exec(t)?.[0]))) {
      const labels = reminders.filter((t) => t.includes(`${key} `)).map((t) => /T-\w+/.exec(t)?.[0]);
      expect(labels.at(-1)).toBe('T-1h');
      expect(new Set(labels).size).toBe(labels.length);
    }
    expect(posted.filter((t) => /late/.test(t))).toEqual([]);
  });
});
