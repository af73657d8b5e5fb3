import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Changeboard, startChangeboard } from '../../src/changeboard.ts';
import { silentLogger } from '../../src/log.ts';
import type { SlackAdapter } from '../../src/platforms/slack/index.ts';
import { testClock } from '../app/harness.ts';
import { type FakeBotConnector, startFakeBotConnector } from '../helpers/fake-bot-connector.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { formBody, interactionBody, signedHeaders } from '../helpers/slack-signing.ts';
import { mrkdwnTexts } from './slack/block-kit.ts';
import { fillView, formInput, MEDIUM_RISK } from './slack/form-input.ts';
import { cardsIn, cardText, verbsOf } from './teams/card-structure.ts';
import { expectValidCards, invokeCard, invokeMessage } from './teams/flows.ts';
import {
  CAB_CHANNEL,
  type CardLocation,
  executeAction,
  installedInTeam,
  USERS as TEAMS,
  type TeamsTestApp,
  type TeamsUser,
} from './teams/teams-harness.ts';

/**
 * One CAB split across Slack and Teams (the platform policy posts its cards to Slack #CCAB and a Teams
 * channel): a change raised in Slack is voted in Teams, and both cards show one tally that counts people.
 */
const SIGNING_SECRET = 'cross-platform-secret';
const SLACK_USERS = {
  UREQ: { name: 'Rita', email: 'rita@example.com', tz: 'Europe/Berlin' },
  UCAROL: { name: 'Carol', email: 'carol@example.com', tz: 'Europe/Lisbon' },
  UALICE: { name: 'Alice', email: 'alice@example.com', tz: 'Europe/Berlin' },
} as const;

let app: Changeboard;
let slackApi: FakeSlackApi;
let connector: FakeBotConnector;
let clock: ReturnType<typeof testClock>;
let base: string;
let triggers = 0;

beforeEach(async () => {
  slackApi = await startFakeSlackApi();
  for (const [id, user] of Object.entries(SLACK_USERS)) slackApi.addUser(id, user);
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
        signingSecret: SIGNING_SECRET,
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
    policy: platformPolicy(),
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
  });
  base = `http://127.0.0.1:${app.port}`;
  // The Teams app is installed in the CAB's team, so the bot can post in its channel.
  expect((await teams(installedInTeam(connector))).status).toBe(200);
});

afterEach(async () => {
  expectValidCards({ connector } as TeamsTestApp);
  await app.stop();
  await slackApi.close();
  await connector.close();
});

const slackAdapter = () => app.adapters.find((a) => a.name === 'slack') as SlackAdapter;

async function settle(): Promise<void> {
  await slackAdapter().idle();
  await app.worker.drain();
  await slackAdapter().idle();
}

function slack(body: string): Promise<Response> {
  return fetch(`${base}/slack/events`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SIGNING_SECRET, body) },
  });
}

async function teams(activity: Record<string, unknown>) {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const who = (user: string) => ({
  id: user,
  username: user.toLowerCase(),
  name: user.toLowerCase(),
  team_id: 'T0',
});

/** Rita raises a medium-risk change with /change and the Slack modal (2 approvals of 4 needed). */
async function raiseInSlack(): Promise<{ changeId: number; teamsCard: CardLocation; slackTs: string }> {
  await slack(
    formBody({
      team_id: 'T0',
      channel_id: 'CGENERAL',
      user_id: 'UREQ',
      user_name: 'rita',
      command: '/change',
      text: 'new',
      api_app_id: 'A0',
      response_url: slackApi.responseUrl('command'),
      trigger_id: `trigger-${++triggers}`,
    }),
  );
  await settle();
  const view = slackApi.callsTo('views.open').at(-1)?.args.view as { private_metadata?: string };
  const submitted = await slack(
    interactionBody({
      type: 'view_submission',
      team: { id: 'T0', domain: 'acme' },
      user: who('UREQ'),
      api_app_id: 'A0',
      trigger_id: `trigger-${++triggers}`,
      view: { ...view, id: 'VMODAL', state: { values: fillView(view, formInput(clock.now(), MEDIUM_RISK)) } },
    }),
  );
  expect(submitted.status).toBe(200);
  await settle();
  const changeId = (app.database.sqlite.prepare('SELECT max(id) AS id FROM changes').get() as { id: number })
    .id;
  const thread = connector
    .callsOf('createConversation')
    .find((c) => c.body.channelData?.channel?.id === CAB_CHANNEL);
  expect(thread).toBeDefined();
  const messageId = thread!.answeredId!.split(';messageid=')[1]!;
  const slackTs = slackApi.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB')?.args.ts as
    | string
    | undefined;
  const post = app.ctx.repos.cardPosts
    .list(changeId)
    .find((p) => p.platform === 'slack' && p.channel === 'CCAB');
  return {
    changeId,
    teamsCard: { conversationId: thread!.answeredId!, messageId, channelId: CAB_CHANNEL },
    slackTs: slackTs ?? post!.messageId,
  };
}

const voteInTeams = (user: TeamsUser, where: CardLocation, changeId: number) =>
  teams(executeAction(connector, user, where, 'approve', { changeId, version: 1 }));

const voteInSlack = (user: string, changeId: number, ts: string) =>
  slack(
    interactionBody({
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: who(user),
      api_app_id: 'A0',
      trigger_id: `trigger-${++triggers}`,
      container: { type: 'message', message_ts: ts, channel_id: 'CCAB', is_ephemeral: false },
      channel: { id: 'CCAB', name: 'ccab' },
      message: { type: 'message', ts, text: 'card' },
      response_url: slackApi.responseUrl(`vote-${user}`),
      actions: [
        {
          type: 'button',
          action_id: 'change.approve',
          block_id: 'b',
          value: JSON.stringify({ changeId, version: 1 }),
          action_ts: '1772442001.000000',
        },
      ],
    }),
  );

const lastSlackCard = () =>
  mrkdwnTexts(
    slackApi
      .callsTo('chat.update')
      .filter((c) => c.args.channel === 'CCAB')
      .at(-1)?.args.blocks,
  ).join('\n');

const lastTeamsCard = () => {
  const update = connector
    .callsOf('update')
    .filter((u) => u.conversationId?.startsWith(CAB_CHANNEL))
    .at(-1);
  return cardsIn(update?.body)[0];
};

describe('one live card across Slack and Teams', () => {
  it('posts a change raised in Slack to both CAB channels, and a vote in Teams updates both cards', async () => {
    const { changeId, teamsCard } = await raiseInSlack();
    expect(cardText(cardsIn(connector.callsOf('createConversation').at(-1)!.body.activity)[0])).toContain(
      'Upgrade the wiki to 2.4',
    );

    const res = await voteInTeams(TEAMS.bob, teamsCard, changeId);
    expect(invokeMessage(res.body)).toBe(`You approved CHG-${changeId}.`);
    await settle();
    expect(lastSlackCard()).toContain('*Approvals:* 1 of 2 needed');
    expect(lastSlackCard()).toContain('*Bob* approved');
    expect(cardText(lastTeamsCard())).toContain('Approvals:** 1 of 2');
  });

  it('counts a person who votes on both platforms once', async () => {
    const { changeId, teamsCard, slackTs } = await raiseInSlack();
    await voteInSlack('UCAROL', changeId, slackTs);
    await settle();
    expect(lastSlackCard()).toContain('*Approvals:* 1 of 2 needed');

    // Carol again, from Teams: her Teams account is linked to her Slack one by email.
    const again = await voteInTeams(TEAMS.carol, teamsCard, changeId);
    expect(cardText(invokeCard(again.body))).toContain(`You already approved CHG-${changeId} on`);
    expect(app.ctx.repos.changes.listVotes(changeId)).toHaveLength(1);
    expect(app.ctx.repos.changes.get(changeId)?.state).toBe('authorise');

    // Bob's vote in Teams is the second person's: the change is approved, and both cards say so.
    await voteInTeams(TEAMS.bob, teamsCard, changeId);
    await settle();
    expect(app.ctx.repos.changes.get(changeId)?.state).toBe('scheduled');
    expect(lastSlackCard()).toContain('*Approvals:* 2 of 2 needed');
    const final = lastTeamsCard();
    expect(cardText(final)).toContain('Approvals:** 2 of 2');
    expect(final.refresh).toBeUndefined();
    expect(
      verbsOf(final).filter((v) => ['approve', 'reject', 'request_info', 'refresh'].includes(v)),
    ).toEqual([]);
  });

  it('refuses the approval of a change raised in Slack by its own requester from Teams', async () => {
    const { changeId, teamsCard } = await raiseInSlack();
    const res = await voteInTeams(TEAMS.rita, teamsCard, changeId);
    expect(cardText(invokeCard(res.body))).toContain('You raised this change, so you cannot approve it');
    expect(app.ctx.repos.changes.listVotes(changeId)).toEqual([]);
    const rita = app.ctx.repos.people.findByEmail('rita@example.com');
    expect(rita).toMatchObject({ slackUserId: 'UREQ', teamsUserId: TEAMS.rita.aadObjectId });
  });
});
