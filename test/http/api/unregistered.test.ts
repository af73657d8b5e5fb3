import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { interactionBody } from '../../helpers/slack-signing.ts';
import { cardsIn, cardText, verbsOf } from '../../platforms/teams/card-structure.ts';
import { expectValidCards } from '../../platforms/teams/flows.ts';
import {
  executeAction,
  personalChatOf,
  personalMessage,
  USERS as TEAMS,
  type TeamsTestApp,
} from '../../platforms/teams/teams-harness.ts';
import { type ApiHarness, bearer, startApiHarness } from './api-harness.ts';

let h: ApiHarness;
let auth: Record<string, string>;

/** The platform policy, with Olga (Teams) as a second change manager on the emergency CAB. */
function policy() {
  const base = platformPolicy();
  return {
    ...base,
    boards: base.boards.map((b) =>
      b.id === 'ecab'
        ? {
            ...b,
            members: [
              ...b.members,
              { name: 'Olga', email: 'olga@example.com', teams: 'aad-olga', finalSay: true },
            ],
          }
        : b,
    ),
    gate: { requireChangeIn: ['production'] },
  };
}

beforeEach(async () => {
  h = await startApiHarness({ platforms: true, policy: policy() });
  auth = bearer(h.token(['deployments'], 'ci-web'));
  // Olga has talked to the bot, so it can write to her.
  await p().teams(personalMessage(p().connector, TEAMS.olga, 'help'));
});
afterEach(async () => {
  expectValidCards({ connector: p().connector } as TeamsTestApp);
  await h.stop();
});

const p = () => h.platforms!;
const deployUnregistered = (status = 'succeeded') =>
  h.post(
    '/api/v1/deployments',
    {
      service: 'web',
      environment: 'production',
      version: '2.0.0',
      status,
      run: { provider: 'gitlab-ci', url: 'https://ci.example.com/p/9' },
    },
    auth,
  );

let triggers = 0;
function slackClick(user: string, actionId: string, value: string, channel: string, ts: string) {
  return p().slackPost(
    interactionBody({
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0' },
      api_app_id: 'A0',
      token: 'x',
      trigger_id: `trigger-gate-${++triggers}`,
      container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
      channel: { id: channel, name: 'dm' },
      message: { type: 'message', ts, text: 'alert' },
      response_url: p().slack.responseUrl(`gate-${triggers}`),
      actions: [
        { type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1772442001.000000' },
      ],
    }),
  );
}

const alertsInSlack = () =>
  p()
    .slack.callsTo('chat.postMessage')
    .filter((c) => String(c.args.text).startsWith('Unregistered deployment'));

describe('unregistered deployments', () => {
  it('raises an alert to the change managers on their platforms, and counts it', async () => {
    const reply = await deployUnregistered();
    expect(reply.json.unregistered).toBe(true);
    await p().settle();
    // Dave on Slack, with the two buttons.
    const slack = alertsInSlack();
    expect(slack).toHaveLength(1);
    const actions = (slack[0]!.args.blocks as { type: string; elements?: { action_id: string }[] }[])
      .find((b) => b.type === 'actions')!
      .elements!.map((e) => e.action_id);
    expect(actions).toEqual(['gate.unregistered.register', 'gate.unregistered.ack']);
    // Olga on Teams, with Register and Acknowledge (Action.Execute).
    const teams = p()
      .connector.messagesTo(personalChatOf(TEAMS.olga))
      .flatMap((m) => cardsIn(m.body));
    const alert = teams.find((c) => cardText(c).includes('Unregistered deployment'));
    expect(verbsOf(alert)).toEqual(['register_unregistered', 'ack_unregistered']);
    // A later report of the same deployment raises nothing new.
    await h.post(
      '/api/v1/deployments',
      {
        service: 'web',
        environment: 'production',
        version: '2.0.0',
        status: 'succeeded',
        run: { provider: 'gitlab-ci', url: 'https://ci.example.com/p/9' },
      },
      auth,
    );
    expect(h.count('unregistered_deployments')).toBe(1);
    const day = 86_400_000;
    const now = h.clock.now().getTime();
    expect(h.app.ctx.repos.deployments.countUnregistered(new Date(now - day), new Date(now + day))).toBe(1);
  });

  it('registers it from Slack as an emergency change that then needs its review', async () => {
    await deployUnregistered('succeeded');
    await p().settle();
    const alert = alertsInSlack()[0]!;
    const value = JSON.stringify({ unregisteredId: 1 });
    const clicked = await slackClick(
      'UDAVE',
      'gate.unregistered.register',
      value,
      String(alert.args.channel),
      '1.1',
    );
    expect(clicked.status).toBe(200);
    await p().settle();
    const change = h.app.ctx.repos.changes.get(1)!;
    expect(change).toMatchObject({
      type: 'emergency',
      state: 'review',
      outcome: 'successful',
      services: ['web'],
    });
    expect(h.audit('change.registered_after_the_fact')[0]).toMatchObject({ actorName: 'Dave', changeId: 1 });
    expect(h.app.ctx.repos.deployments.getUnregistered(1)).toMatchObject({
      status: 'registered',
      changeId: 1,
    });
    // The emergency change's card goes to the ECAB, with its review to record.
    const posted = p()
      .slack.callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'CECAB');
    expect(slackTextOf(posted[0])).toContain('Record review');
    // A second click is told what already happened, and creates nothing.
    await slackClick('UDAVE', 'gate.unregistered.register', value, String(alert.args.channel), '1.1');
    await p().settle();
    expect(h.count('changes')).toBe(1);
  });

  it('acknowledges it from Teams with a reason, and refuses an empty one', async () => {
    await deployUnregistered();
    await p().settle();
    const where = { conversationId: personalChatOf(TEAMS.olga), messageId: 'm1' };
    const empty = await p().teams(
      executeAction(p().connector, TEAMS.olga, where, 'ack_unregistered', {
        unregisteredId: 1,
        ackReason: ' ',
      }),
    );
    expect(JSON.stringify(empty.body)).toContain('Say why this deployment needed no change.');
    expect(h.app.ctx.repos.deployments.getUnregistered(1)?.status).toBe('open');
    const done = await p().teams(
      executeAction(p().connector, TEAMS.olga, where, 'ack_unregistered', {
        unregisteredId: 1,
        ackReason: 'Config-only rollback',
      }),
    );
    expect(JSON.stringify(done.body)).toContain('Acknowledged by Olga: Config-only rollback');
    expect(h.app.ctx.repos.deployments.getUnregistered(1)).toMatchObject({
      status: 'acknowledged',
      reason: 'Config-only rollback',
    });
    // Rita is no change manager: she cannot register it.
    const refused = await p().teams(
      executeAction(
        p().connector,
        TEAMS.rita,
        { conversationId: personalChatOf(TEAMS.rita), messageId: 'm2' },
        'register_unregistered',
        { unregisteredId: 1 },
      ),
    );
    expect(JSON.stringify(refused.body)).toContain('Only a change manager');
    expect(h.count('changes')).toBe(0);
  });

  it('registers it from Teams, answering the clicker with the resolved card', async () => {
    await deployUnregistered('started');
    await p().settle();
    const where = { conversationId: personalChatOf(TEAMS.olga), messageId: 'm1' };
    const done = await p().teams(
      executeAction(p().connector, TEAMS.olga, where, 'register_unregistered', { unregisteredId: 1 }),
    );
    const card = done.body.value;
    expect(cardText(card)).toContain('Registered as emergency change CHG-1');
    expect(verbsOf(card)).toEqual([]);
    // No outcome yet (only started): the emergency change is in progress, to be completed and then reviewed.
    expect(h.app.ctx.repos.changes.get(1)).toMatchObject({
      type: 'emergency',
      state: 'implement',
      requesterId: expect.any(Number),
    });
    expect(h.app.ctx.repos.deployments.get(1)?.changeId).toBe(1);
  });

  it('acknowledges it from Slack through the modal, a reason required', async () => {
    await deployUnregistered();
    await p().settle();
    const alert = alertsInSlack()[0]!;
    const value = JSON.stringify({ unregisteredId: 1 });
    await slackClick('UDAVE', 'gate.unregistered.ack', value, String(alert.args.channel), '1.1');
    await p().settle();
    const view = p().slack.callsTo('views.open').at(-1)!.args.view as Record<string, unknown>;
    expect(view.callback_id).toBe('gate.unregistered.ack');
    const submit = (reason: string) =>
      p().slackPost(
        interactionBody({
          type: 'view_submission',
          team: { id: 'T0', domain: 'acme' },
          user: { id: 'UDAVE', username: 'udave', name: 'udave', team_id: 'T0' },
          api_app_id: 'A0',
          token: 'x',
          trigger_id: `trigger-gate-${++triggers}`,
          view: {
            ...view,
            id: 'VMODAL',
            state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } },
          },
        }),
      );
    const empty = await submit('  ');
    expect(JSON.parse(empty.text)).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.any(String) },
    });
    const done = await submit('Hotfix under incident INC-7');
    expect(done.status).toBe(200);
    expect(h.app.ctx.repos.deployments.getUnregistered(1)).toMatchObject({
      status: 'acknowledged',
      reason: 'Hotfix under incident INC-7',
    });
    expect(h.audit('deployment.acknowledged')[0]).toMatchObject({
      actorName: 'Dave',
      reason: 'Hotfix under incident INC-7',
    });
  });

  it('raises nothing for a deployment to an environment that needs no change', async () => {
    await h.post(
      '/api/v1/deployments',
      { service: 'web', environment: 'staging', version: '2.0.0', status: 'started' },
      auth,
    );
    expect(h.count('unregistered_deployments')).toBe(0);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: recorded Slack calls are JSON
const slackTextOf = (call: any) => JSON.stringify(call?.args?.blocks ?? '');
