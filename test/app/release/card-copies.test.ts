import { afterEach, describe, expect, it } from 'vitest';
import { tickChecklist } from '../../../src/app/release/manage-release.ts';
import { planTrains } from '../../../src/app/release/plan-trains.ts';
import type { ReleaseSurface } from '../../../src/app/release/ports.ts';
import { createReleaseJobHandlers } from '../../../src/app/release/release-handlers.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { createWorker } from '../../../src/jobs/worker.ts';
import { silentLogger } from '../../../src/log.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { recordingSurface, releasePolicy } from './release-fixture.ts';

let h: AppHarness;
afterEach(() => h.close());

describe('release card copies', () => {
  it('posts a copy whose first post gave up with the next change to the release, and only once', async () => {
    h = createAppHarness({ policy: releasePolicy() });
    syncPolicyPeople(h.ctx);
    const recorder = recordingSurface('slack');
    let reachable = false;
    const surface: ReleaseSurface = {
      ...recorder.surface,
      async postReleaseCard(channel, card) {
        if (!reachable) throw new Error('not_in_channel');
        return recorder.surface.postReleaseCard(channel, card);
      },
    };
    const worker = createWorker({
      database: h.database,
      handlers: createReleaseJobHandlers(h.ctx, [surface], silentLogger),
      clock: h.clock.now,
      log: silentLogger,
    });
    planTrains(h.ctx);
    const status = () =>
      h.database.sqlite.prepare("SELECT status FROM jobs WHERE dedupe_key = 'release.post:1'").get() as {
        status: string;
      };
    for (let i = 0; i < 12 && status().status !== 'dead'; i++) {
      await worker.drain();
      h.clock.advanceMinutes(20);
    }
    expect(status().status).toBe('dead');
    expect(recorder.cards).toEqual([]);

    reachable = true; // the bot was invited to the channel
    const rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
    expect(tickChecklist(h.ctx, rita, { releaseId: 1, index: 0, done: true }).ok).toBe(true);
    await worker.drain();
    expect(tickChecklist(h.ctx, rita, { releaseId: 1, index: 3, done: true }).ok).toBe(true);
    await worker.drain();
    expect(recorder.cards.map((c) => [c.channel, c.card.key])).toEqual([['CREL', 'REL-1']]);
    // The first refresh posted the copy; the second updated it in place.
    expect(recorder.updates.map((u) => u.messageId)).toEqual(['m1']);
    await worker.stop();
  });
});
