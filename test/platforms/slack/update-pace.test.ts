import type { webApi } from '@slack/bolt';
import { afterEach, expect, it } from 'vitest';
import { changeCard } from '../../../src/app/queries.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { RetryLater } from '../../../src/jobs/retry-later.ts';
import { createWindowPacer } from '../../../src/jobs/window-pacer.ts';
import { SLACK_PACE } from '../../../src/platforms/slack/pace.ts';
import { createPacer } from '../../../src/platforms/slack/pacer.ts';
import { createSlackReleaseSurface } from '../../../src/platforms/slack/release/surface.ts';
import { createSlackSurface } from '../../../src/platforms/slack/surface.ts';
import { type AppHarness, createAppHarness } from '../../app/harness.ts';
import { makeDraft } from '../../domain/fixtures.ts';

let h: AppHarness;
afterEach(() => h.close());

/** A raised change's CAB card, and a Slack client that records the messages chat.update was called for. */
function cabCardAndSlackClient() {
  h = createAppHarness();
  const rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  const raised = raiseChange(h.ctx, rita, { draft: makeDraft() });
  if (!raised.ok) throw new Error('raise failed');
  const card = changeCard(h.ctx, raised.value.change.id, 'cab')!;
  const updates: string[] = [];
  const client = {
    chat: {
      update: async (args: { channel: string; ts: string }) => {
        updates.push(`${args.channel}/${args.ts}`);
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  return { card, client, updates };
}

it('paces card updates at the workspace’s chat.update tier and turns the rest away without building them', async () => {
  const { card, client, updates } = cabCardAndSlackClient();
  let built = 0;
  const build = () => {
    built++;
    return card;
  };
  let now = 0;
  const surface = createSlackSurface({
    ctx: h.ctx,
    client,
    pacer: createPacer(SLACK_PACE),
    // Two updates a minute, on a fake wall clock: the third message of the burst must wait a minute.
    updatePacer: createWindowPacer({
      windows: [{ limit: 2, ms: 60_000 }],
      label: 'Slack rate limit',
      now: () => now,
      clock: h.clock.now,
    }),
  });
  const post = (ts: string) => ({
    id: 1,
    changeId: card.changeId,
    platform: 'slack' as const,
    channel: 'CCAB',
    messageId: ts,
    kind: 'cab' as const,
  });
  await surface.updateCard(post('1.1'), build);
  await surface.updateCard(post('1.2'), build);
  const refused = await surface.updateCard(post('1.3'), build).then(
    () => null,
    (e: unknown) => e,
  );
  expect(updates).toEqual(['CCAB/1.1', 'CCAB/1.2']);
  expect(refused).toBeInstanceOf(RetryLater);
  // The copy turned away was never built: its follow-up builds the latest state when it goes.
  expect(built).toBe(2);
  // Told to come back when the window has room again (the first update leaves it at 60 s).
  expect((refused as RetryLater).at.getTime()).toBe(h.clock.now().getTime() + 60_000);
  now = 60_001;
  await surface.updateCard(post('1.3'), build);
  expect(updates).toEqual(['CCAB/1.1', 'CCAB/1.2', 'CCAB/1.3']);
});

it('counts release card updates in the same workspace bucket as change cards', async () => {
  const { card, client, updates } = cabCardAndSlackClient();
  const updatePacer = createWindowPacer({
    windows: [{ limit: 1, ms: 60_000 }],
    label: 'Slack rate limit',
    now: () => 0,
    clock: h.clock.now,
  });
  const pacer = createPacer(SLACK_PACE);
  const changes = createSlackSurface({ ctx: h.ctx, client, pacer, updatePacer });
  const releases = createSlackReleaseSurface({ ctx: h.ctx, client, pacer, updatePacer });
  await changes.updateCard(
    { id: 1, changeId: card.changeId, platform: 'slack', channel: 'CCAB', messageId: '1.1', kind: 'cab' },
    () => card,
  );
  // The bucket is spent: the release card is turned away before it is rendered (its view is never read).
  const refused = await releases
    .updateReleaseCard({ channel: 'CREL', messageId: '2.1' } as never, null as never)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(refused).toBeInstanceOf(RetryLater);
  expect(updates).toEqual(['CCAB/1.1']);
});
