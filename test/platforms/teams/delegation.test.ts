import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, invokeMessage, raiseInTeams, vote } from './flows.ts';
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

const lastReply = (who: (typeof USERS)[keyof typeof USERS]) =>
  t.connector.messagesTo(personalChatOf(who)).at(-1)?.body.text;
const votes = () =>
  (t.app.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;

describe('delegating a vote in Teams', () => {
  it('lets the delegate vote once for the delegator, shown as delegated', async () => {
    await t.post(personalMessage(t.connector, USERS.olga, 'help'));
    await t.post(personalMessage(t.connector, USERS.bob, 'delegate olga@example.com until 2026-03-05'));
    expect(lastReply(USERS.bob)).toBe(
      'Olga votes for you from now until 6 Mar 2026, 00:00 CET. End it early with undelegate.',
    );
    const { changeId, cabCard } = await raiseInTeams(t);

    // Olga is no CAB member, yet her own view offers the vote buttons: she votes for Bob.
    const view = invokeCard((await vote(t, USERS.olga, cabCard, 'refresh', { changeId, version: 1 })).body);
    expect(verbsOf(view)).toEqual(['approve', 'reject', 'request_info']);
    const voted = invokeMessage(
      (await vote(t, USERS.olga, cabCard, 'approve', { changeId, version: 1 })).body,
    );
    expect(voted).toBe(`You approved CHG-${changeId}.`);
    expect(votes()).toBe(1);
    await t.app.worker.drain();
    const shared = cardsIn(t.connector.callsOf('update').at(-1)!.body)[0];
    expect(cardText(shared)).toContain('Olga for Bob');

    const again = invokeCard((await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 })).body);
    expect(cardText(again)).toContain(`Olga already approved CHG-${changeId} for you`);
    expect(votes()).toBe(1);

    await t.post(personalMessage(t.connector, USERS.bob, 'undelegate'));
    expect(lastReply(USERS.bob)).toBe('Your delegation is ended: you vote yourself again.');
  });

  it('takes the delegate as an @mention in a channel', async () => {
    await t.post(personalMessage(t.connector, USERS.olga, 'help'));
    const message = channelMessage(t.connector, USERS.bob, 'delegate <at>Olga</at> until 2026-03-05');
    message.entities.push({
      type: 'mention',
      mentioned: { id: USERS.olga.id, name: 'Olga' },
      text: '<at>Olga</at>',
    });
    await t.post(message);
    expect(t.connector.callsOf('reply').at(-1)?.body.text).toBe(
      'Olga votes for you from now until 6 Mar 2026, 00:00 CET. End it early with undelegate.',
    );
  });
});
