import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { cardsIn, cardText } from './card-structure.ts';
import { expectValidCards, raiseInTeams } from './flows.ts';
import {
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

/** Carol is the change manager here (final say), so she can export from Teams. */
function carolManages(): Policy {
  const base = platformPolicy();
  return {
    ...base,
    boards: base.boards.map((b) =>
      b.id === 'cab'
        ? { ...b, members: b.members.map((m) => (m.name === 'Carol' ? { ...m, finalSay: true } : m)) }
        : b,
    ),
  };
}

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: carolManages(), publicUrl: 'https://changeboard.example.com' });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

const download = (id: string) => fetch(t.url.replace('/api/messages', `/files?id=${id}`));

describe('export in Teams', () => {
  it('sends a change manager a download link to the evidence zip, which expires', async () => {
    await raiseInTeams(t);
    await t.post(personalMessage(t.connector, USERS.carol, 'export 2026-03-01 2026-03-31 csv'));
    await t.app.worker.drain();
    const messages = t.connector.messagesTo(personalChatOf(USERS.carol)).map((m) => m.body);
    expect(messages.map((m) => m.text).filter(Boolean)).toContain(
      'Building the evidence bundle; a download link follows in our chat in a moment.',
    );
    const card = messages.flatMap((m) => cardsIn(m)).find((c) => cardText(c).includes('Change evidence'));
    expect(cardText(card)).toContain('Change evidence 2026-03-01 to 2026-03-31');
    expect(cardText(card)).toContain('The link works for 24 hours.');
    const url = new URL(card.actions[0].url);
    expect(`${url.origin}${url.pathname}`).toBe('https://changeboard.example.com/files');
    const id = url.searchParams.get('id') ?? '';
    expect(id).toMatch(/^[0-9a-f]{32}$/);

    const res = await download(id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(JSON.parse(strFromU8(zip['manifest.json']!)).changes).toBe(1);
    expect((await download('0'.repeat(32))).status).toBe(404);

    t.clock.advanceMinutes(24 * 60 + 1);
    await t.app.worker.drain();
    expect((await download(id)).status).toBe(404);
  });

  it('refuses anyone but a change manager', async () => {
    await t.post(personalMessage(t.connector, USERS.rita, 'export 2026-03-01 2026-03-31'));
    expect(t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1)?.body.text).toBe(
      'Only a change manager (a board member with the final say) can export evidence.',
    );
  });
});
