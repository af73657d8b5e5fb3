import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText, verbsOf } from './card-structure.ts';
import {
  expectValidCards,
  invokeCard,
  invokeMessage,
  type RaisedInTeams,
  raiseInTeams,
  vote,
} from './flows.ts';
import {
  type Activity,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

let t: TeamsTestApp;
let raised: RaisedInTeams;

beforeEach(async () => {
  t = await startTeamsTestApp();
  raised = await raiseInTeams(t);
  await t.app.worker.drain();
  t.connector.clear();
});

afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

/** What a refused click must leave untouched: the change, its votes and its audit trail; no card is re-sent. */
function snapshot() {
  const { ctx } = t.app;
  return {
    change: ctx.repos.changes.get(raised.changeId),
    votes: ctx.repos.changes.listVotes(raised.changeId),
    audit: t.app.database.sqlite.prepare('SELECT count(*) AS n FROM audit_events').get(),
  };
}

async function expectRefused(
  res: { status: number; body: Activity | null },
  message: string,
  before: ReturnType<typeof snapshot>,
  auditedRefusals = 0,
) {
  expect(res.status).toBe(200);
  const card = invokeCard(res.body);
  expect(cardText(card)).toContain(message);
  const { audit, ...rest } = before;
  expect(snapshot()).toEqual({ ...rest, audit: { n: (audit as { n: number }).n + auditedRefusals } });
  await t.app.worker.drain();
  expect(t.connector.callsOf('update')).toEqual([]);
  return card;
}

describe('refused clicks on a Teams approval card', () => {
  it('refuses the requester’s own vote (segregation of duties) and changes nothing', async () => {
    const before = snapshot();
    const res = await vote(t, USERS.rita, raised.cabCard, 'approve', {
      changeId: raised.changeId,
      version: 1,
    });
    const card = await expectRefused(
      res,
      'You raised this change, so you cannot approve it (segregation of duties).',
      before,
      1, // a refused self-approval is recorded in the audit trail
    );
    expect(verbsOf(card)).not.toContain('approve');
  });

  it('refuses a vote from someone outside the change authority and changes nothing', async () => {
    const before = snapshot();
    const res = await vote(t, USERS.olga, raised.cabCard, 'approve', {
      changeId: raised.changeId,
      version: 1,
    });
    await expectRefused(
      res,
      `Only members of Change Advisory Board can vote on CHG-${raised.changeId}.`,
      before,
    );
  });

  it('refuses a second click on Approve and says when the first one counted', async () => {
    await vote(t, USERS.bob, raised.cabCard, 'approve', { changeId: raised.changeId, version: 1 });
    await t.app.worker.drain();
    t.connector.clear();
    const before = snapshot();
    const res = await vote(t, USERS.bob, raised.cabCard, 'approve', {
      changeId: raised.changeId,
      version: 1,
    });
    await expectRefused(res, `You already approved CHG-${raised.changeId} on`, before);
  });

  it('refuses a vote cast on a card older than the change’s current version', async () => {
    const before = snapshot();
    const res = await vote(t, USERS.bob, raised.cabCard, 'approve', {
      changeId: raised.changeId,
      version: 7,
    });
    await expectRefused(
      res,
      'This card shows version 7; the change was edited since (now version 1).',
      before,
    );
  });

  it('answers a click on a change that does not exist with a message, not a card', async () => {
    const res = await vote(t, USERS.bob, raised.cabCard, 'approve', { changeId: 999, version: 1 });
    expect(res.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'CHG-999 does not exist.',
    });
  });

  it('refuses a button whose data carries no change reference', async () => {
    const res = await vote(t, USERS.bob, raised.cabCard, 'approve', {
      changeId: 'CHG-1; DROP TABLE',
      version: 1,
    });
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(t.app.ctx.repos.changes.listVotes(raised.changeId)).toEqual([]);
  });
});

describe('Teams redelivery', () => {
  it('processes a redelivered message once', async () => {
    const message = personalMessage(t.connector, USERS.bob, 'list');
    expect((await t.post(message)).status).toBe(200);
    expect((await t.post(message)).status).toBe(200);
    expect(t.connector.messagesTo(personalChatOf(USERS.bob))).toHaveLength(1);
  });

  it('processes a redelivered vote once and answers the repeat with the current card', async () => {
    const click = { changeId: raised.changeId, version: 1 };
    const first = await vote(t, USERS.bob, raised.cabCard, 'approve', click, { id: 'f:click-1' });
    const again = await vote(t, USERS.bob, raised.cabCard, 'approve', click, { id: 'f:click-1' });
    expect(invokeMessage(first.body)).toBe(`You approved CHG-${raised.changeId}.`);
    const repeat = invokeCard(again.body);
    expect(cardText(repeat)).toContain('Approvals:** 1 of 2');
    expect(cardText(repeat)).not.toContain('already');
    expect(t.app.ctx.repos.changes.listVotes(raised.changeId)).toHaveLength(1);
    await t.app.worker.drain();
    // One vote, one refresh job: each stored copy is updated once.
    expect(t.connector.callsOf('update')).toHaveLength(2);
    expect(cardsIn(t.connector.callsOf('update')[0]!.body)).toHaveLength(1);
  });
});
