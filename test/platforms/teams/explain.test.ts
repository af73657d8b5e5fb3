import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText } from './card-structure.ts';
import { expectValidCards, invokeMessage, raiseInTeams, vote } from './flows.ts';
import {
  channelMessage,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

let t: TeamsTestApp;

beforeEach(async () => {
  t = await startTeamsTestApp();
});

afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('explain in Teams', () => {
  it('explains a change in the personal chat: route, risk, who may still vote, what is missing', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    invokeMessage((await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 })).body);

    await t.post(personalMessage(t.connector, USERS.olga, `explain CHG-${changeId}`));
    const reply = t.connector.messagesTo(personalChatOf(USERS.olga)).at(-1)!;
    const text = cardText(cardsIn(reply.body)[0]);
    expect(text).toContain('Route 2 of 4 matched: the first for normal changes that covers risk medium');
    expect(text).toContain('Rule: 2 of 4, decided by Change Advisory Board; a rejection does not veto it.');
    expect(text).toContain('hard to back out (+2)');
    expect(text).toContain('Bob approved version 1.');
    expect(text).toContain('May still vote: Alice, Carol, Dave.');
    expect(text).toContain('1 more approval (1 of 2 so far)');
    expect(text).toContain('Schedule (freezes and conflicts)');
  });

  it('never explains in a channel: it points to the personal chat instead', async () => {
    const { changeId } = await raiseInTeams(t);
    const before = t.connector.callsOf('reply').length;
    await t.post(channelMessage(t.connector, USERS.bob, `explain CHG-${changeId}`));
    const replies = t.connector.callsOf('reply').slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body.text).toBe(
      `I explain changes privately: send me "explain CHG-${changeId}" in our personal chat.`,
    );
  });
});
