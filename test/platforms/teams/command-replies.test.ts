import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText, verbsOf } from './card-structure.ts';
import { expectValidCards, raiseInTeams } from './flows.ts';
import {
  CAB_CHANNEL,
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

describe('commands in Teams', () => {
  it('answers an unknown command with the help card', async () => {
    await t.post(personalMessage(t.connector, USERS.rita, 'deploy everything'));
    const reply = t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1)!;
    const text = cardText(cardsIn(reply.body)[0]);
    expect(text).toContain('I don\'t know "deploy everything"');
    const commands = cardsIn(reply.body)[0].body.find((e: { type: string }) => e.type === 'FactSet');
    expect(commands.facts.map((f: { title: string }) => f.title)).toEqual([
      'new',
      'list',
      'show CHG-12',
      'explain CHG-12',
      'edit CHG-12',
      'cancel CHG-12 [reason]',
      'start CHG-12',
      'complete CHG-12',
      'review CHG-12',
      'release help',
      'metrics [7d|30d|90d] [service]',
      'calendar [days] [page]',
      'help',
      'object CHG-12 <reason>',
      'delegate bea@example.com [from 2026-12-20] until 2026-12-24',
      'undelegate',
      'token create NAME SCOPE[,SCOPE] | token list | token revoke NAME',
    ]);
  });

  it('tells the channel id when asked for help by @mention in a channel', async () => {
    await t.post(channelMessage(t.connector, USERS.bob, 'help'));
    const reply = t.connector.callsOf('reply').at(-1)!;
    expect(reply.conversationId?.startsWith(CAB_CHANNEL)).toBe(true);
    expect(cardText(cardsIn(reply.body)[0])).toContain(CAB_CHANNEL);
  });

  it('lists what awaits a vote and shows a change with the viewer’s own buttons', async () => {
    const { changeId } = await raiseInTeams(t);
    await t.post(personalMessage(t.connector, USERS.bob, 'list'));
    const list = cardsIn(t.connector.messagesTo(personalChatOf(USERS.bob)).at(-1)!.body)[0];
    expect(cardText(list)).toContain(`CHG-${changeId} · Upgrade the wiki to 2.4 · Awaiting approval`);

    await t.post(personalMessage(t.connector, USERS.bob, `show chg-${changeId}`));
    const shown = cardsIn(t.connector.messagesTo(personalChatOf(USERS.bob)).at(-1)!.body)[0];
    expect(verbsOf(shown)).toEqual(['approve', 'reject', 'request_info']);
  });

  it('cancels a change by command for its requester only', async () => {
    const { changeId } = await raiseInTeams(t);
    await t.post(personalMessage(t.connector, USERS.bob, `cancel CHG-${changeId}`));
    expect(t.connector.messagesTo(personalChatOf(USERS.bob)).at(-1)!.body.text).toBe(
      `Only its requester can do that to CHG-${changeId}.`,
    );
    await t.post(personalMessage(t.connector, USERS.rita, `cancel CHG-${changeId} not needed any more`));
    expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('cancelled');
  });
});
