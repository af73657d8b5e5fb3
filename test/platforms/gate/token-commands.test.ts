import { afterEach, describe, expect, it } from 'vitest';
import { authenticateToken } from '../../../src/app/api/tokens.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { startSlackHarness } from '../slack/slack-harness.ts';
import {
  CAB_CHANNEL,
  channelMessage,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  USERS,
} from '../teams/teams-harness.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('API tokens from chat', () => {
  it('lets a Slack change manager create, list and revoke a token, privately, shown once', async () => {
    const h = await startSlackHarness();
    stops.push(() => h.stop());
    const created = await h.command('UDAVE', 'token create ci-web gate,deployments');
    expect(created.json.response_type).toBe('ephemeral');
    const token = /`(cb_[^`]+)`/.exec(created.text)?.[1] ?? '';
    expect(authenticateToken(h.app.ctx, token)).toMatchObject({
      name: 'ci-web',
      scopes: ['gate', 'deployments'],
    });
    const listed = await h.command('UDAVE', 'token list');
    expect(listed.text).toContain('ci-web');
    expect(listed.text).not.toContain(token);
    await h.command('UDAVE', 'token revoke ci-web');
    expect(authenticateToken(h.app.ctx, token)).toBeNull();
  });

  it('refuses anyone who is not a change manager, creating nothing', async () => {
    const h = await startSlackHarness();
    stops.push(() => h.stop());
    const reply = await h.command('UALICE', 'token create ci-web gate');
    expect(reply.text).toContain('Only a change manager');
    expect(h.app.database.sqlite.prepare('SELECT count(*) AS n FROM api_tokens').get()).toEqual({ n: 0 });
  });

  it('lets a Teams change manager create a token in the personal chat only', async () => {
    const base = platformPolicy();
    const boards = base.boards.map((b) =>
      b.id === 'cab'
        ? { ...b, members: [...b.members, { name: 'Olga', email: 'olga@example.com', finalSay: true }] }
        : b,
    );
    const t = await startTeamsTestApp({ policy: { ...base, boards } });
    stops.push(() => t.close());
    await t.post(channelMessage(t.connector, USERS.olga, CAB_CHANNEL, 'token create ci-web gate'));
    expect(t.app.database.sqlite.prepare('SELECT count(*) AS n FROM api_tokens').get()).toEqual({ n: 0 });
    await t.post(personalMessage(t.connector, USERS.olga, 'token create ci-web gate'));
    const reply = t.connector.messagesTo(personalChatOf(USERS.olga)).at(-1)!;
    const token = /cb_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(reply.body.text)?.[0] ?? '';
    expect(authenticateToken(t.app.ctx, token)).toMatchObject({ name: 'ci-web', scopes: ['gate'] });
    await t.post(personalMessage(t.connector, USERS.rita, 'token list'));
    expect(t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1)!.body.text).toContain(
      'Only a change manager',
    );
  });
});
