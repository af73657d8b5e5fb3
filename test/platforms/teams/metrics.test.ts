import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText } from './card-structure.ts';
import { completeInTeams, expectValidCards, raiseInTeams } from './flows.ts';
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

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON
const imageOf = (card: any) => card.body.find((e: { type: string }) => e.type === 'Image');
// biome-ignore lint/suspicious/noExplicitAny: cards are JSON
const factsOf = (card: any): Record<string, string> =>
  Object.fromEntries(
    card.body
      .filter((e: { type: string }) => e.type === 'FactSet')
      .flatMap((f: { facts: { title: string; value: string }[] }) => f.facts.map((x) => [x.title, x.value])),
  );

describe('metrics in Teams', () => {
  it('answers at once, then sends a card with the figures and the chart as an image', async () => {
    const raised = await raiseInTeams(t);
    await completeInTeams(t, raised);
    t.clock.advanceMinutes(60);
    const chat = personalChatOf(USERS.rita);
    const before = t.connector.messagesTo(chat).length;

    await t.post(personalMessage(t.connector, USERS.rita, 'metrics 30d'));
    await t.app.worker.drain();
    // The turn answers in plain text at once; the card with the chart comes from the worker afterwards.
    const after = t.connector.messagesTo(chat).slice(before);
    const ackAt = after.findIndex(
      (m) => m.body.text === 'Working out the metrics of the last 30 days; the card follows in a moment.',
    );
    const cardAt = after.findIndex((m) => cardText(cardsIn(m.body)[0]).includes('Change metrics'));
    expect(ackAt).toBeGreaterThanOrEqual(0);
    expect(cardAt).toBeGreaterThan(ackAt);
    const [card] = cardsIn(after[cardAt]!.body);
    expect(cardText(card)).toContain('Change metrics');
    expect(cardText(card)).toContain('Last 30 days · all services');
    const image = imageOf(card);
    expect(image.altText).toBe('Changes by outcome per week, Last 30 days · all services');
    const png = Buffer.from(String(image.url).replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([800, 450]);
    const facts = factsOf(card);
    expect(facts['Change success rate']).toBe('100 % (1 of 1)');
    expect(facts.Outcomes).toBe('0 successful · 1 with issues · 0 failed · 0 rolled back');
    expect(facts['Lead time to approval']).toMatch(/^median .* \(1\)$/);
    expect(facts['Successful release rate']).toBe('no data');
    expect(facts['Refused self-approvals']).toBe('0');
  });

  it('answers in the channel it was asked in, for one service', async () => {
    await raiseInTeams(t);
    t.clock.advanceMinutes(1);
    await t.post(channelMessage(t.connector, USERS.bob, 'metrics wiki 7d'));
    await t.app.worker.drain();
    // A new thread in the channel, like the CAB card.
    const threads = t.connector
      .callsOf('createConversation')
      .filter((c) => c.body?.channelData?.channel?.id === CAB_CHANNEL)
      .flatMap((c) => cardsIn(c.body?.activity));
    const metrics = threads.find((c) => cardText(c).includes('Change metrics'));
    expect(cardText(metrics)).toContain('Last 7 days · wiki');
    expect(factsOf(metrics).Raised).toBe('1 (0 standard · 1 normal · 0 emergency)');
  });

  it('explains a bad window and queues nothing', async () => {
    await t.post(personalMessage(t.connector, USERS.rita, 'metrics 1y'));
    await t.app.worker.drain();
    const replies = t.connector.messagesTo(personalChatOf(USERS.rita));
    expect(replies.at(-1)?.body.text).toBe(
      '"1y" is neither 7d, 30d, 90d nor a service id. Services: wiki, crm, web, payments. Try "metrics 30d".',
    );
    expect(replies.flatMap((r) => cardsIn(r.body))).toEqual([]);
  });
});
