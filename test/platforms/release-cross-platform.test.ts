import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Changeboard, startChangeboard } from '../../src/changeboard.ts';
import { silentLogger } from '../../src/log.ts';
import { testClock } from '../app/harness.ts';
import { releasePolicy } from '../app/release/release-fixture.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../helpers/fake-bot-connector.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { interactionBody, signedHeaders } from '../helpers/slack-signing.ts';
import { mrkdwnTexts } from './slack/block-kit.ts';
import { schemaErrors } from './teams/adaptive-schema.ts';
import { cardsIn, cardText } from './teams/card-structure.ts';
import { executeAction, installedInTeam, USERS as TEAMS } from './teams/teams-harness.ts';

/** One release train whose channels are on Slack (#CREL) and Teams: both copies of its card stay one card. */
const SECRET = 'release-cross-secret';
const REL_CHANNEL = '19:rel@thread.tacv2';

let app: Changeboard;
let slackApi: FakeSlackApi;
let connector: FakeBotConnector;
let clock: ReturnType<typeof testClock>;
let base: string;

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${base}${path}`, { method: 'POST', body, headers });
const teams = async (activity: Record<string, unknown>) => {
  const res = await post('/api/messages', JSON.stringify(activity), { 'content-type': 'application/json' });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
};

beforeEach(async () => {
  slackApi = await startFakeSlackApi();
  slackApi.addUser('UREQ', { name: 'Rita', email: 'rita@example.com', tz: 'Europe/Berlin' });
  connector = await startFakeBotConnector({ members: Object.values(TEAMS) });
  clock = testClock();
  app = await startChangeboard({
    config: {
      port: 0,
      host: '127.0.0.1',
      databasePath: ':memory:',
      policyFile: null,
      logLevel: 'error',
      publicUrl: null,
      slack: {
        botToken: 'xoxb-test',
        signingSecret: SECRET,
        apiUrl: slackApi.apiUrl,
        botUserId: 'UBOT',
        botId: 'BBOT',
        appToken: null,
      },
      teams: {
        appId: null,
        appPassword: null,
        appType: 'SingleTenant',
        tenantId: null,
        allowUnauthenticated: true,
      },
    },
    policy: releasePolicy(platformPolicy()),
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
  });
  base = `http://127.0.0.1:${app.port}`;
  expect((await teams(installedInTeam(connector, REL_CHANNEL))).status).toBe(200);
  clock.advanceMinutes(1);
  await app.worker.drain();
});
afterEach(async () => {
  await app.stop();
  await slackApi.close();
  await connector.close();
});

describe('a release card on Slack and Teams', () => {
  it('updates every copy when the checklist is ticked on either platform', async () => {
    const slackCard = slackApi.callsTo('chat.postMessage').find((c) => c.args.channel === 'CREL');
    expect(slackCard?.args.text).toBe('REL-1 Weekly web release 3 Mar 2026: Planned');
    const thread = connector
      .callsOf('createConversation')
      .find((c) => c.body?.channelData?.channel?.id === REL_CHANNEL)!;
    const root = thread.answeredId!;
    const messageId = root.split(';messageid=')[1]!;

    // Rita ticks step 1 in Slack: the Teams copy is updated in place too.
    const body = interactionBody({
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: { id: 'UREQ', username: 'ureq', name: 'ureq', team_id: 'T0' },
      api_app_id: 'A0',
      token: 'x',
      trigger_id: 't1',
      container: { type: 'message', message_ts: '1.1', channel_id: 'CREL', is_ephemeral: false },
      channel: { id: 'CREL', name: 'crel' },
      message: { type: 'message', ts: '1.1', text: 'card' },
      response_url: slackApi.responseUrl('box'),
      actions: [
        {
          type: 'checkboxes',
          action_id: 'release.checklist',
          block_id: 'release.checklist.1',
          selected_options: [{ value: '0', text: { type: 'plain_text', text: 'x' } }],
          action_ts: '1.2',
        },
      ],
    });
    const res = await post('/slack/events', body, {
      'content-type': 'application/x-www-form-urlencoded',
      ...signedHeaders(SECRET, body),
    });
    expect(res.status).toBe(200);
    await app.worker.drain();
    const teamsUpdate = connector.callsOf('update').at(-1);
    expect([teamsUpdate?.conversationId, teamsUpdate?.activityId]).toEqual([root, messageId]);
    const teamsCard = cardsIn(teamsUpdate?.body)[0];
    expect(schemaErrors(teamsCard)).toEqual([]);
    expect(cardText(teamsCard)).toContain('☑ Identify the release model (Rita)');

    // Rita (the same person, linked by email) ticks step 4 in Teams: the Slack copy follows.
    const invoke = await teams(
      executeAction(
        connector,
        TEAMS.rita,
        { conversationId: root, messageId, channelId: REL_CHANNEL },
        'release.tick',
        {
          releaseId: 1,
          index: 3,
          done: 1,
        },
      ),
    );
    expect(cardText(invoke.body.value)).toContain('☑ Verify the release procedures (Rita)');
    await app.worker.drain();
    const slackUpdate = slackApi
      .callsTo('chat.update')
      .filter((c) => c.args.channel === 'CREL')
      .at(-1);
    type Box = { block_id?: string; accessory?: { initial_options?: { value: string }[] } };
    const box = ((slackUpdate?.args.blocks ?? []) as Box[]).find((b) => b.block_id === 'release.checklist.1');
    expect(box?.accessory?.initial_options?.map((o) => o.value)).toEqual(['0', '3']);
    expect(mrkdwnTexts(slackUpdate?.args.blocks).join('\n')).toContain('*Checklist*');
  });
});
