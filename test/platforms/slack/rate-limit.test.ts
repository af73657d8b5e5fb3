import { afterEach, expect, it } from 'vitest';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

it('reschedules a rate-limited card update for Retry-After, durably, and sends it then', async () => {
  h = await startSlackHarness();
  const id = await raiseThroughSlack(h, 'UREQ');
  // Both copies of the card (the CAB channel and the requester's DM) are refused once.
  h.fake.rateLimit('chat.update', 30, 2);
  await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
  await h.settle();

  expect(h.callsTo('chat.update (rate limited)')).toHaveLength(2);
  expect(h.callsTo('chat.update')).toHaveLength(0);
  const job = h.app.database.sqlite
    .prepare(
      "SELECT status, run_at AS runAt, attempts FROM jobs WHERE kind = 'card.refresh' ORDER BY id DESC",
    )
    .get() as { status: string; runAt: number; attempts: number };
  expect(job.status).toBe('pending');
  expect(job.runAt).toBe(h.clock.now().getTime() + 30_000);

  h.clock.set(new Date(h.clock.now().getTime() + 29_000));
  await h.settle();
  expect(h.callsTo('chat.update')).toHaveLength(0);

  h.clock.set(new Date(h.clock.now().getTime() + 1_000));
  await h.settle();
  expect(
    h
      .callsTo('chat.update')
      .map((c) => c.args.channel)
      .sort(),
  ).toEqual(['CCAB', 'DUREQ']);
});
