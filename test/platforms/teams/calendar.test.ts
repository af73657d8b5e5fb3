import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { cardsIn, cardText, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, raiseInTeams } from './flows.ts';
import {
  channelMessage,
  executeAction,
  installedInTeam,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON
type Json = any;

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

async function ask(text: string): Promise<Json> {
  expect((await t.post(personalMessage(t.connector, USERS.rita, text))).status).toBe(200);
  const sent = t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1);
  return { card: cardsIn(sent?.body)[0], sent };
}

describe('calendar in Teams', () => {
  it('answers "calendar [days]" with the days grouped, changes with type, risk and state, freezes, maintenance', async () => {
    const { changeId } = await raiseInTeams(t);
    const { card } = await ask('calendar 10');
    const text = cardText(card);
    expect(text).toContain('Change calendar: the next 10 days');
    expect(text).toContain('**Fri 6 Mar**');
    // Rita's Teams zone is Europe/Berlin.
    expect(text).toContain(
      `CHG-${changeId} Upgrade the wiki to 2.4 · Normal change · Medium risk · Awaiting approval · Fri 6 Mar 10:00–12:00`,
    );
    expect(text).toContain('🔧 CRM maintenance (CRM) Tue 3 Mar 03:00–07:00');
    expect(text).toContain('❄️ Quarter close (hard freeze, all services)');
    expect(verbsOf(card)).toEqual([]);
  });

  it('pages a long calendar; the Next page button answers with the next page', async () => {
    const { card, sent } = await ask('calendar 60');
    const summary = /page 1 of (\d+)/.exec(cardText(card));
    expect(summary).not.toBeNull();
    expect(verbsOf(card)).toEqual(['calendar_page']);
    const next = card.actions[0];
    const res = await t.post(
      executeAction(
        t.connector,
        USERS.rita,
        { conversationId: personalChatOf(USERS.rita), messageId: sent.answeredId },
        next.verb,
        next.data,
      ),
    );
    const page2 = invokeCard(res.body);
    expect(cardText(page2)).toContain(`page 2 of ${summary?.[1]}`);
    expect(verbsOf(page2)[0]).toBe('calendar_page');
  });

  it('makes a secret feed URL with "calendar feed" and revokes it with "calendar revoke"', async () => {
    const { sent } = await ask('calendar feed');
    const path = /(\/calendar\.ics\?token=\S+)/.exec(String(sent.body?.text))?.[1] ?? '';
    expect(path).not.toBe('');
    expect((await fetch(`http://127.0.0.1:${t.app.port}${path}`)).status).toBe(200);
    const { sent: revoked } = await ask('calendar revoke');
    expect(revoked.body?.text).toContain('Revoked 1 calendar feed link');
    expect((await fetch(`http://127.0.0.1:${t.app.port}${path}`)).status).toBe(401);
    // A feed URL is a credential: making and revoking it are in the audit trail, never the token itself.
    const audited = t.app.database.sqlite
      .prepare(
        "SELECT action, platform, data FROM audit_events WHERE action LIKE 'calendar_feed.%' ORDER BY seq",
      )
      .all() as { action: string; platform: string; data: string }[];
    expect(audited.map((a) => [a.action, a.platform])).toEqual([
      ['calendar_feed.created', 'teams'],
      ['calendar_feed.revoked', 'teams'],
    ]);
    expect(audited.map((a) => a.data).join(' ')).not.toContain(path.split('token=')[1] ?? '');
  });

  it('never posts a secret feed link in a channel', async () => {
    expect((await t.post(installedInTeam(t.connector))).status).toBe(200);
    expect((await t.post(channelMessage(t.connector, USERS.rita, 'calendar feed'))).status).toBe(200);
    const texts = t.connector.calls
      .map((c) => String(c.body?.text ?? ''))
      .filter((x) => x.includes('calendar feed'));
    expect(texts.at(-1)).toContain('ask me for it in our personal chat');
    expect(t.connector.calls.some((c) => JSON.stringify(c.body ?? {}).includes('token='))).toBe(false);
    expect(t.app.database.sqlite.prepare('SELECT count(*) AS n FROM calendar_feed_tokens').get()).toEqual({
      n: 0,
    });
  });
});
