import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { formInput } from './form-input.ts';
import { clickInModal } from './modal-click.ts';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit views are JSON here
type Json = any;

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: releasePolicy(platformPolicy()) });
  await h.settle();
});
afterEach(async () => {
  await h.stop();
});

describe('the Slack change form with an upcoming release', () => {
  it('keeps the release field, and its pick, through "Check window"', async () => {
    await h.command('UREQ', 'new');
    await h.settle();
    const view = h.lastOpenedView();
    expect(view.blocks.map((b: Json) => b.block_id)).toContain('release');
    const reply = await clickInModal(
      h,
      'UREQ',
      view,
      formInput(h.clock.now(), { release: '1' }),
      'schedule.check',
      'check',
    );
    expect(reply.status).toBe(200);
    await h.settle();
    const updated = h.callsTo('views.update').at(-1)!.args.view as Json;
    const release = updated.blocks.find((b: Json) => b.block_id === 'release');
    expect(release?.element.initial_option?.value).toBe('1');
  });
});
