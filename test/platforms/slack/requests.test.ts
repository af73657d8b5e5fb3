import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formBody, signedHeaders, slackSignature } from '../../helpers/slack-signing.ts';
import { mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, SIGNING_SECRET, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

const FORM = 'application/x-www-form-urlencoded';
const commandBody = formBody({
  team_id: 'T0',
  user_id: 'UREQ',
  command: '/change',
  text: 'help',
  trigger_id: 't1',
  channel_id: 'C1',
});
const db = () => h.app.database.sqlite;

describe('request verification', () => {
  it('answers 401 to a request without a signature and runs nothing', async () => {
    const reply = await h.post(commandBody, FORM, {});
    expect(reply.status).toBe(401);
    expect(h.fake.calls).toHaveLength(0);
  });

  it('answers 401 to a signature made with another secret', async () => {
    const reply = await h.post(commandBody, FORM, signedHeaders('not-the-secret', commandBody));
    expect(reply.status).toBe(401);
  });

  it('answers 401 to a correctly signed request older than five minutes (a replay)', async () => {
    const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 1;
    const reply = await h.post(commandBody, FORM, signedHeaders(SIGNING_SECRET, commandBody, stale));
    expect(reply.status).toBe(401);
  });

  it('answers 401 to a signature dated more than five minutes ahead', async () => {
    const ahead = Math.floor(Date.now() / 1000) + 5 * 60 + 30;
    const reply = await h.post(commandBody, FORM, signedHeaders(SIGNING_SECRET, commandBody, ahead));
    expect(reply.status).toBe(401);
  });

  it('accepts a signature four minutes old', async () => {
    const recent = Math.floor(Date.now() / 1000) - 4 * 60;
    const reply = await h.post(commandBody, FORM, signedHeaders(SIGNING_SECRET, commandBody, recent));
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
  });

  it('refuses a body changed after signing', async () => {
    const headers = {
      'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      'x-slack-signature': slackSignature(SIGNING_SECRET, Math.floor(Date.now() / 1000), commandBody),
    };
    const reply = await h.post(commandBody.replace('help', 'list'), FORM, headers);
    expect(reply.status).toBe(401);
  });

  it('answers the URL verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 'x' });
    const reply = await h.post(body, 'application/json', signedHeaders(SIGNING_SECRET, body));
    expect(reply.json).toEqual({ challenge: 'abc123' });
  });
});

describe('App Home and event deliveries', () => {
  const homeOpened = {
    type: 'app_home_opened',
    user: 'UALICE',
    channel: 'DUALICE',
    tab: 'home',
    event_ts: '1772442000.000100',
  };

  it('publishes App Home when it is opened: approvals waiting for me with their buttons', async () => {
    await raiseThroughSlack(h, 'UREQ', { title: 'Upgrade <!channel> wiki' });
    h.fake.clear();
    const reply = await h.event(homeOpened, 'Ev001');
    expect(reply.status).toBe(200);
    await h.settle();
    const [publish] = h.callsTo('views.publish');
    expect(publish?.args.user_id).toBe('UALICE');
    const view = publish?.args.view as {
      type: string;
      blocks: { type: string; elements?: { action_id: string; value: string }[] }[];
    };
    expect(view.type).toBe('home');
    const text = mrkdwnTexts(view.blocks).join('\n');
    expect(text).toContain('*CHG-1* Upgrade &lt;!channel&gt; wiki');
    const approve = view.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'change.approve');
    expect(JSON.parse(approve!.value)).toEqual({ changeId: 1, version: 1 });
  });

  it('processes a retried event delivery once', async () => {
    await h.event(homeOpened, 'Ev002');
    await h.settle();
    const retried = await h.event(homeOpened, 'Ev002', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retried.status).toBe(200);
    await h.settle();
    expect(h.callsTo('views.publish')).toHaveLength(1);
    expect(
      (
        db()
          .prepare("SELECT count(*) AS n FROM processed_deliveries WHERE key = 'slack:event:Ev002'")
          .get() as { n: number }
      ).n,
    ).toBe(1);
    // A new event id is new work.
    await h.event(homeOpened, 'Ev003');
    await h.settle();
    expect(h.callsTo('views.publish')).toHaveLength(2);
  });

  it('refreshes App Home of the requester and the approvers when a change moves', async () => {
    const id = await raiseThroughSlack(h, 'UREQ', {
      impact: 'degraded',
      complexity: 'moderate',
      tested: 'partially',
      backout: 'hard',
    });
    h.fake.clear();
    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }), { home: true });
    await h.settle();
    const published = h.callsTo('views.publish').map((c) => c.args.user_id);
    // Rita (requester), Carol and Dave (still to vote) by the refresh job; Alice because she voted from App Home.
    expect(new Set(published)).toEqual(new Set(['UREQ', 'UCAROL', 'UDAVE', 'UALICE']));
    const alice = h
      .callsTo('views.publish')
      .filter((c) => c.args.user_id === 'UALICE')
      .at(-1);
    expect(mrkdwnTexts(alice?.args.view).join('\n')).toContain('Nothing is waiting for your vote.');
  });

  it('tells a person privately in a modal when a vote from App Home is refused', async () => {
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UOUT', 'change.approve', JSON.stringify({ changeId: id, version: 1 }), { home: true });
    await h.settle();
    const note = h.lastOpenedView();
    expect(note.callback_id).toBe('changeboard.note');
    expect(mrkdwnTexts(note.blocks).join('')).toContain(
      'Only members of Change Advisory Board can vote on CHG-1.',
    );
  });
});

describe('unexpected errors', () => {
  it('shows a short reference instead of failing silently', async () => {
    const reply = await h.click('UALICE', 'change.approve', 'not json');
    await h.settle();
    expect(reply.status).toBe(200);
    const [note] = h.callsTo('response_url');
    expect(note?.args.text).toBe(
      ':warning: That button or form is out of date. Open the change again from its latest card.',
    );
  });

  it('gives a reference when Slack cannot tell who is acting', async () => {
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UNOBODY', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    const [note] = h.callsTo('response_url');
    expect(note?.args.text).toMatch(
      /^:warning: Something went wrong on our side \(reference [0-9a-f]{8}\)\./,
    );
    expect((db().prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n).toBe(0);
  });
});

describe('identity', () => {
  it('links a Slack user to the person already known from Teams by email, so they vote as one CAB member', async () => {
    h.fake.addUser('UBOB', { name: 'Bob B.', email: 'BOB@example.com', tz: 'Europe/Paris' });
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UBOB', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    const bob = db()
      .prepare(
        "SELECT id, name, slack_user_id AS slack, teams_user_id AS teams, timezone FROM people WHERE email = 'bob@example.com'",
      )
      .all();
    expect(bob).toEqual([
      { id: expect.any(Number), name: 'Bob', slack: 'UBOB', teams: 'aad-bob', timezone: 'Europe/Paris' },
    ]);
    const votes = db().prepare('SELECT person_id AS personId, platform FROM votes').all();
    expect(votes).toEqual([{ personId: (bob[0] as { id: number }).id, platform: 'slack' }]);
    expect(h.callsTo('response_url')).toHaveLength(0);
  });
});
