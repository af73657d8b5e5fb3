import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checklistToggles } from '../../../src/platforms/slack/release/checklist-toggles.ts';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { interactionBody } from '../../helpers/slack-signing.ts';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';

const box = (i: number) => ({ value: String(i), text: { type: 'plain_text', text: `step ${i}` } });

/** The checklist block as a card drawn with `shown` ticked carries it back to us in the click's payload. */
const checklistBlock = (releaseId: number, shown: number[]) => ({
  type: 'section',
  block_id: `release.checklist.${releaseId}`,
  text: { type: 'mrkdwn', text: '*Checklist*' },
  accessory: {
    type: 'checkboxes',
    action_id: 'release.checklist',
    options: [0, 1, 2, 3].map(box),
    ...(shown.length > 0 ? { initial_options: shown.map(box) } : {}),
  },
});

describe('checklistToggles', () => {
  const blocks = [checklistBlock(1, [0])];
  it('is what the click changed on the card as it was drawn', () => {
    expect(checklistToggles(blocks, 'release.checklist.1', [0, 3])).toEqual([{ index: 3, done: true }]);
    expect(checklistToggles(blocks, 'release.checklist.1', [])).toEqual([{ index: 0, done: false }]);
  });
  it('never names a box the card did not show, and is null without the card', () => {
    expect(checklistToggles(blocks, 'release.checklist.1', [0, 12])).toEqual([]);
    expect(checklistToggles(undefined, 'release.checklist.1', [0])).toBeNull();
    expect(checklistToggles(blocks, 'release.checklist.2', [0])).toBeNull();
  });
});

describe('Slack release checklist clicks', () => {
  let h: SlackHarness;
  beforeEach(async () => {
    h = await startSlackHarness({ policy: releasePolicy(platformPolicy()) });
    await h.settle();
  });
  afterEach(async () => {
    await h.stop();
  });

  const click = (user: string, shown: number[], selected: number[]) =>
    h.post(
      interactionBody({
        type: 'block_actions',
        team: { id: 'T0', domain: 'acme' },
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0' },
        api_app_id: 'A0',
        token: 'x',
        trigger_id: `trigger-${user}`,
        container: { type: 'message', message_ts: '1772442000.000001', channel_id: 'CREL' },
        channel: { id: 'CREL', name: 'crel' },
        message: {
          type: 'message',
          ts: '1772442000.000001',
          text: 'card',
          blocks: [checklistBlock(1, shown)],
        },
        response_url: h.fake.responseUrl(`box-${user}`),
        actions: [
          {
            type: 'checkboxes',
            action_id: 'release.checklist',
            block_id: 'release.checklist.1',
            selected_options: selected.map(box),
            action_ts: '1772442001.000000',
          },
        ],
      }),
      'application/x-www-form-urlencoded',
    );
  const done = () => h.app.ctx.repos.releases.get(1)!.checklist.map((i) => i.done);

  it('a click on a copy that has not refreshed keeps what someone else ticked since', async () => {
    await click('UREQ', [], [0]);
    await h.settle();
    expect(done()[0]).toBe(true);
    // Ivan's copy still shows nothing ticked; he ticks step 3 only.
    await click('UIVAN', [], [3]);
    await h.settle();
    expect([done()[0], done()[3]]).toEqual([true, true]);
    // Unticking step 3 on a card that shows 0 and 3 ticked leaves step 0 alone.
    await click('UIVAN', [0, 3], [0]);
    await h.settle();
    expect([done()[0], done()[3]]).toEqual([true, false]);
  });
});
