import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { completeRelease, startRelease } from '../../../src/app/release/manage-release.ts';
import { planTrains } from '../../../src/app/release/plan-trains.ts';
import { createReleaseJobHandlers } from '../../../src/app/release/release-handlers.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { createWorker, type Worker } from '../../../src/jobs/worker.ts';
import { silentLogger } from '../../../src/log.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { recordingSurface, releasePolicy } from './release-fixture.ts';

let h: AppHarness;
let worker: Worker;
let sent: ReturnType<typeof recordingSurface>['sent'];
let rita: Actor;

beforeEach(() => {
  h = createAppHarness({ policy: releasePolicy() });
  syncPolicyPeople(h.ctx);
  const recorder = recordingSurface('slack');
  sent = recorder.sent;
  const handlers = createReleaseJobHandlers(h.ctx, [recorder.surface], silentLogger);
  worker = createWorker({ database: h.database, handlers, clock: h.clock.now, log: silentLogger });
  rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
  planTrains(h.ctx);
});
afterEach(async () => {
  await worker.stop();
  h.close();
});

const at = async (iso: string) => {
  h.clock.set(new Date(iso));
  await worker.drain();
  await worker.drain();
};
const headlines = (kind: string) =>
  sent
    .filter((s) => s.message.kind === kind && s.message.releaseId === 1)
    .map((s) => `${s.to}: ${s.message.headline}`);

describe('overdue and review nudges', () => {
  it('nudges when the window has passed unfinished, then asks for the review a day after completion', async () => {
    await at('2026-03-03T09:00:00Z');
    expect(startRelease(h.ctx, rita, { releaseId: 1 }).ok).toBe(true);
    await at('2026-03-03T12:00:00Z');
    expect(headlines('overdue')).toEqual([
      'CREL: Overdue: REL-1 Weekly web release 3 Mar 2026 was due to finish by 3 Mar 2026, 12:00 CET and is not completed.',
      'dm:Rita: Overdue: REL-1 Weekly web release 3 Mar 2026 was due to finish by 3 Mar 2026, 12:00 CET and is not completed.',
    ]);
    expect(completeRelease(h.ctx, rita, { releaseId: 1, outcome: 'successful', notes: null }).ok).toBe(true);
    await at('2026-03-04T11:59:00Z');
    expect(headlines('review')).toEqual([]);
    await at('2026-03-04T12:00:00Z');
    expect(headlines('review')).toEqual([
      'CREL: Review due: REL-1 Weekly web release 3 Mar 2026 completed; record what went well and what to improve.',
      'dm:Rita: Review due: REL-1 Weekly web release 3 Mar 2026 completed; record what went well and what to improve.',
    ]);
  });

  it('sends no overdue nudge for a release completed in its window', async () => {
    await at('2026-03-03T09:00:00Z');
    startRelease(h.ctx, rita, { releaseId: 1 });
    completeRelease(h.ctx, rita, { releaseId: 1, outcome: 'failed', notes: 'Rolled forward next week.' });
    await at('2026-03-03T12:00:00Z');
    expect(headlines('overdue')).toEqual([]);
    expect(headlines('completed')).toHaveLength(2);
    expect(sent.find((s) => s.message.kind === 'completed')?.message.lines).toEqual([
      'Rolled forward next week.',
    ]);
  });
});
