import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { timedPolicy } from '../../helpers/timed-policy.ts';
import { cardsIn, cardText, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, invokeMessage, raiseInTeams, VALID_FORM, vote } from './flows.ts';
import {
  CAB_CHANNEL,
  executeAction,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: timedPolicy() });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

/** Low risk on the wiki: no effect on users, simple, tested, easy to back out. */
const LOW_FORM = { ...VALID_FORM, impact: 'none', complexity: 'simple', tested: 'yes', backout: 'easy' };
const lastCabCard = () => {
  const call = t.connector.calls
    .filter(
      (c) =>
        (c.kind === 'update' && c.conversationId?.startsWith(CAB_CHANNEL)) ||
        (c.kind === 'createConversation' && c.body?.channelData?.channel?.id === CAB_CHANNEL),
    )
    .at(-1);
  return cardsIn(call?.kind === 'createConversation' ? call.body?.activity : call?.body)[0];
};

describe('an objection window in Teams', () => {
  it('shows the deadline, and passes unopposed', async () => {
    const { changeId } = await raiseInTeams(t, { form: LOW_FORM });
    expect(cardText(lastCabCard())).toContain(
      'Approved by the policy unless a member objects by {{DATE(2026-03-02T13:00:00Z, SHORT)}}',
    );
    t.clock.set(new Date('2026-03-02T13:00:00Z'));
    await t.app.worker.drain();
    expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('scheduled');
  });

  it('is stopped by an objection typed to the bot', async () => {
    const { changeId } = await raiseInTeams(t, { form: LOW_FORM });
    await t.post(personalMessage(t.connector, USERS.bob, `object CHG-${changeId} Not during the freeze.`));
    expect(t.connector.messagesTo(personalChatOf(USERS.bob)).at(-1)?.body.text).toBe(
      `You objected to CHG-${changeId}; it now needs a normal vote.`,
    );
    await t.app.worker.drain();
    expect(cardText(lastCabCard())).toContain('Bob objected:');
    t.clock.set(new Date('2026-03-03T13:00:00Z'));
    await t.app.worker.drain();
    expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('authorise');
  });

  it('takes an objection from the card, with a required reason', async () => {
    const { changeId, cabCard } = await raiseInTeams(t, { form: LOW_FORM });
    const mine = invokeCard((await vote(t, USERS.bob, cabCard, 'refresh', { changeId, version: 1 })).body);
    expect(verbsOf(mine)).toContain('object');
    const empty = invokeCard(
      (
        await t.post(
          executeAction(t.connector, USERS.bob, cabCard, 'object', {
            changeId,
            version: 1,
            objectReason: '',
          }),
        )
      ).body,
    );
    expect(cardText(empty)).toContain('Say why you object.');
    const done = invokeMessage(
      (
        await t.post(
          executeAction(t.connector, USERS.bob, cabCard, 'object', {
            changeId,
            version: 1,
            objectReason: 'Freeze week.',
          }),
        )
      ).body,
    );
    expect(done).toBe(`You objected to CHG-${changeId}; it now needs a normal vote.`);
    const after = invokeCard((await vote(t, USERS.bob, cabCard, 'refresh', { changeId, version: 1 })).body);
    expect(cardText(after)).toContain('Freeze week.');
    expect(verbsOf(after)).not.toContain('object');
  });
});
