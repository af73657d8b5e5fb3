import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/app/api/tokens.ts';
import { cardsIn, cardText } from './card-structure.ts';
import { expectValidCards, raiseInTeams, vote } from './flows.ts';
import { personalChatOf, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp();
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

/** Everything the bot sent to one conversation, as readable text (message text and card text). */
const textsTo = (conversationId: string): string[] =>
  t.connector
    .messagesTo(conversationId)
    .map((m) => [m.body.text ?? '', ...cardsIn(m.body).map(cardText)].join('\n'));

describe('a failed deployment in Teams', () => {
  it('asks the implementer, by direct message, to record the outcome', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    for (const member of [USERS.bob, USERS.carol])
      expect((await vote(t, member, cabCard, 'approve', { changeId, version: 1 })).status).toBe(200);
    await t.app.worker.drain();
    expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('scheduled');

    const created = createApiToken(t.app.ctx, {
      name: 'ci-wiki',
      scopes: ['deployments'],
      createdBy: 'test',
      platform: 'cli',
    });
    if (!created.ok) throw new Error(created.error.message);
    // Inside the change's window (Friday 6 March, 10:00–12:00 Berlin).
    t.clock.set(new Date('2026-03-06T09:30:00Z'));
    const deploy = (status: string) =>
      fetch(t.url.replace('/api/messages', '/api/v1/deployments'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${created.value.token}` },
        body: JSON.stringify({
          service: 'wiki',
          environment: 'production',
          version: '2.4.0',
          change: `CHG-${changeId}`,
          status,
        }),
      });
    expect((await deploy('started')).status).toBe(201);
    await t.app.worker.drain();
    const before = textsTo(personalChatOf(USERS.rita)).length;
    expect((await deploy('failed')).status).toBe(201);
    await t.app.worker.drain();

    const dms = textsTo(personalChatOf(USERS.rita)).slice(before);
    const asked = dms.filter((d) => d.includes(`Record the outcome of CHG-${changeId}`));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain(`Deployment of CHG-${changeId} failed: wiki 2.4.0 → production`);
    // Only the implementer is asked: nobody else gets the direct message.
    for (const other of [USERS.bob, USERS.carol, USERS.ivan])
      expect(textsTo(personalChatOf(other)).some((d) => d.includes('Record the outcome'))).toBe(false);
  });
});
