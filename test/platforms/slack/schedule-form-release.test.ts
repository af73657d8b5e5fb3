import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { interactionBody } from '../../helpers/slack-signing.ts';
import { fillView, formInput } from './form-input.ts';
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
    const values = fillView(view, formInput(h.clock.now(), { release: '1' }));
    const payload = {
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: { id: 'UREQ', username: 'ureq', name: 'ureq', team_id: 'T0' },
      api_app_id: 'A0',
      token: 'x',
      trigger_id: 'trigger-modal',
      container: { type: 'view', view_id: 'VMODAL' },
      view: { ...view, id: 'VMODAL', hash: 'h1', state: { values } },
      actions: [
        {
          type: 'button',
          action_id: 'schedule.check',
          block_id: 'schedule',
          value: 'check',
          action_ts: '1772442001.000000',
        },
      ],
    };
    expect((await h.post(interactionBody(payload), 'application/x-www-form-urlencoded')).status).toBe(200);
    await h.settle();
    const updated = h.callsTo('views.update').at(-1)!.args.view as Json;
    const release = updated.blocks.find((b: Json) => b.block_id === 'release');
    expect(release?.element.initial_option?.value).toBe('1');
  });
});
