import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/platforms/slack/render/limits.ts';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { formBody, interactionBody } from '../../helpers/slack-signing.ts';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { checklistBlock } from './checklist-block.ts';
import { formInput } from './form-input.ts';
import { limitBreaches } from './render/limits-check.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;

beforeEach(async () => {
  // Booted on Monday 2 March 2026, 09:00Z: the weekly train plans REL-1 (3 March) and REL-2 (10 March).
  h = await startSlackHarness({ policy: releasePolicy(platformPolicy()) });
  await h.settle();
});
afterEach(async () => {
  // Every message, update and modal the app sent stays within Block Kit's limits.
  for (const method of ['chat.postMessage', 'chat.update'])
    for (const call of h.callsTo(method))
      if (call.args.blocks)
        expect(limitBreaches(call.args.blocks as unknown[], LIMITS.messageBlocks)).toEqual([]);
  for (const call of h.callsTo('views.open'))
    expect(limitBreaches((call.args.view as { blocks: unknown[] }).blocks, LIMITS.viewBlocks)).toEqual([]);
  await h.stop();
});

const release = (user: string, text: string) =>
  h.post(
    formBody({
      token: 'x',
      team_id: 'T0',
      channel_id: 'CGENERAL',
      user_id: user,
      user_name: user.toLowerCase(),
      command: '/release',
      text,
      api_app_id: 'A0',
      response_url: h.fake.responseUrl(`release-${user}`),
      trigger_id: `trigger-release-${Math.random()}`,
    }),
    'application/x-www-form-urlencoded',
  );

/** A checklist click; `shown` is what the clicker's copy showed ticked (absent: the payload carries no card). */
const tickBox = (user: string, releaseId: number, selected: number[], ts: string, shown?: number[]) =>
  h.post(
    interactionBody({
      type: 'block_actions',
      team: { id: 'T0', domain: 'acme' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T0' },
      api_app_id: 'A0',
      token: 'x',
      trigger_id: 'trigger-box',
      container: { type: 'message', message_ts: ts, channel_id: 'CREL', is_ephemeral: false },
      channel: { id: 'CREL', name: 'crel' },
      message: {
        type: 'message',
        ts,
        text: 'card',
        ...(shown ? { blocks: [checklistBlock(releaseId, shown)] } : {}),
      },
      response_url: h.fake.responseUrl(`box-${user}`),
      actions: [
        {
          type: 'checkboxes',
          action_id: 'release.checklist',
          block_id: `release.checklist.${releaseId}`,
          selected_options: selected.map((i) => ({
            value: String(i),
            text: { type: 'plain_text', text: 'x' },
          })),
          action_ts: '1772442001.000000',
        },
      ],
    }),
    'application/x-www-form-urlencoded',
  );

const posts = (channel: string) => h.callsTo('chat.postMessage').filter((c) => c.args.channel === channel);
const lastUpdate = () =>
  h
    .callsTo('chat.update')
    .filter((c) => c.args.channel === 'CREL')
    .at(-1);
const textOf = (call: { args: { blocks?: unknown } } | undefined) =>
  mrkdwnTexts(call?.args.blocks).join('\n');

describe('releases in Slack', () => {
  it('runs a train instance from planned to completed, with reminders, checklist and announcements', async () => {
    // The train posted both instances' cards to the release channel, within Block Kit's limits.
    const cards = posts('CREL');
    expect(cards.map((c) => c.args.text)).toEqual([
      'REL-1 Weekly web release 3 Mar 2026: Planned',
      'REL-2 Weekly web release 10 Mar 2026: Planned',
    ]);
    for (const c of cards)
      expect(limitBreaches(c.args.blocks as unknown[], LIMITS.messageBlocks)).toEqual([]);

    const changeId = await raiseThroughSlack(h, 'UREQ');
    expect((await release('UOUT', `add CHG-${changeId} REL-1`)).json.text).toBe(
      ':no_entry: Only the release managers of REL-1 or a change manager can do that.',
    );
    const added = await release('UREQ', `add CHG-${changeId} REL-1`);
    expect(added.json).toMatchObject({
      response_type: 'ephemeral',
      text: ':heavy_plus_sign: CHG-1 rides REL-1.',
    });
    await h.settle();
    expect(textOf(lastUpdate())).toContain(
      '*CHG-1* Upgrade the wiki to 2.4 — Awaiting approval (waiting on Alice, Bob, Carol, Dave)',
    );

    const refused = await release('UREQ', 'start REL-1');
    expect(refused.json.text).toBe(
      ':no_entry: REL-1 cannot start: CHG-1 is not approved yet. Get it approved, or drop it from the release.',
    );

    // The cut-off reminder arrives at T-2h in the channel and to Rita, listing the unapproved change.
    h.fake.clear();
    h.clock.set(new Date('2026-03-03T07:00:00Z'));
    await h.settle();
    const reminder = posts('CREL').find((c) => String(c.args.text).startsWith('Cut-off'));
    expect(reminder?.args.text).toBe(
      'Cut-off: changes in REL-1 Weekly web release 3 Mar 2026 must be approved now.',
    );
    expect(textOf(reminder)).toContain('waiting on Alice, Bob, Carol, Dave');
    expect(buttonIds(reminder?.args.blocks)).toEqual(['release.nudge', 'release.drop']);
    expect(posts('DUREQ').map((c) => c.args.text)).toEqual([reminder?.args.text]);

    // Rita nudges the approvers from the reminder: Alice gets a direct message.
    const ref = JSON.stringify({ releaseId: 1, changeId });
    await h.click('UREQ', 'release.nudge', ref, { channel: 'CREL' });
    await h.settle();
    expect(posts('DUALICE').map((c) => c.args.text)).toEqual([
      'Rita asks for your vote on CHG-1 "Upgrade the wiki to 2.4": it rides REL-1 Weekly web release 3 Mar 2026.',
    ]);

    // A checklist tick updates the card; the computed step follows the approval.
    h.fake.clear();
    await tickBox('UREQ', 1, [0, 3], '1772442000.000001');
    await h.settle();
    type Box = { block_id?: string; accessory?: { initial_options?: { value: string }[] } };
    const box = ((lastUpdate()?.args.blocks ?? []) as Box[]).find(
      (b) => b.block_id === 'release.checklist.1',
    );
    expect(box?.accessory?.initial_options?.map((o) => o.value)).toEqual(['0', '3']);
    expect(textOf(lastUpdate())).toContain(':hourglass_flowing_sand: Verify the service components');

    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId, version: 1 }));
    await h.settle();
    // The vote moved the release card too: the change is approved, the computed step is ticked.
    expect(textOf(lastUpdate())).toContain('*Changes* (1 of 1 approved)');
    expect(textOf(lastUpdate())).toContain(':white_check_mark: Verify the service components');
    expect((await release('UREQ', 'start REL-1')).json.text).toContain('REL-1 has started');
    await h.settle();
    expect(
      posts('CREL').some((c) => c.args.text === 'REL-1 Weekly web release 3 Mar 2026 has started (Rita).'),
    ).toBe(true);
    expect(buttonIds(lastUpdate()?.args.blocks)).toEqual(['release.complete', 'release.notes']);

    expect((await release('UREQ', 'complete REL-1')).text).toBe('');
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('release.complete');
    expect((await h.submit('UREQ', modal, { outcome: null, notes: '' })).json).toEqual({
      response_action: 'errors',
      errors: { outcome: 'Choose how it went.' },
    });
    expect((await h.submit('UREQ', modal, { outcome: 'successful', notes: 'Smooth <!channel>.' })).text).toBe(
      '',
    );
    await h.settle();
    const done = posts('CREL').find((c) => String(c.args.text).includes('is complete'));
    expect(done?.args.text).toBe('REL-1 Weekly web release 3 Mar 2026 is complete: Successful.');
    const doneText = textOf(done);
    expect(doneText).toContain('Smooth &lt;!channel&gt;.');
    expect(doneText).toContain('*Release notes*\n• *CHG-1* Upgrade the wiki to 2.4 (normal · wiki) — Rita');
    const notes = await release('UOUT', 'notes REL-1');
    expect(mrkdwnTexts(notes.json.blocks).join('\n')).toContain('*CHG-1* Upgrade the wiki to 2.4');
  });

  it('plans a one-off release from the form, with inline errors', async () => {
    await release('UREQ', 'new');
    await h.settle();
    const form = h.lastOpenedView();
    expect(form.callback_id).toBe('release.form');
    const past = await h.submit('UREQ', form, {
      model: 'hotfix',
      name: 'Pay 1.2.1',
      start: new Date(0),
      window: '',
    });
    expect(past.json).toEqual({
      response_action: 'errors',
      errors: { start: 'The start must be in the future.' },
    });
    const badWindow = await h.submit('UREQ', form, {
      model: 'hotfix',
      start: new Date('2026-03-05T10:00:00Z'),
      window: 'soon',
    });
    expect(badWindow.json).toEqual({
      response_action: 'errors',
      errors: { window: 'Give a duration such as 2h or 90m.' },
    });
    const ok = await h.submit('UREQ', form, {
      model: 'hotfix',
      name: 'Pay 1.2.1',
      start: new Date('2026-03-05T10:00:00Z'),
      window: '30m',
    });
    expect(ok.text).toBe('');
    await h.settle();
    expect(posts('CREL').at(-1)?.args.text).toBe('REL-3 Pay 1.2.1: Planned');
  });

  it('skips the next instance of a train and tells the channel; answers help and unknown words', async () => {
    expect((await release('UREQ', 'skip web-train code freeze')).json.text).toBe(
      ':fast_forward: REL-1 is skipped; the channel is told.',
    );
    await h.settle();
    expect(posts('CREL').at(-1)?.args.text).toBe(
      'REL-1 Weekly web release 3 Mar 2026 is skipped: this instance will not run (Rita).',
    );
    const help = await release('UOUT', 'frobnicate');
    expect(help.json.text).toBe('`frobnicate` is not a /release command. Here is what is:');
    expect((await release('UOUT', 'show REL-99')).json.text).toBe(':mag: REL-99 does not exist.');
  });

  it('shows the releases you manage and the upcoming ones on App Home', async () => {
    await h.event({ type: 'app_home_opened', user: 'UIVAN', tab: 'home', channel: 'DUIVAN' }, 'EvHome1');
    await h.settle();
    const home = h.callsTo('views.publish').at(-1)?.args.view as { blocks: unknown[] };
    expect(limitBreaches(home.blocks, LIMITS.viewBlocks)).toEqual([]);
    const text = mrkdwnTexts(home.blocks).join('\n');
    // Ivan runs the second instance (the rotation); both are upcoming.
    expect(text).toMatch(/\*REL-2\* Weekly web release 10 Mar 2026 — Planned/);
    // The week's calendar comes first and lists REL-1 (Tuesday) too: releases are on the change schedule.
    expect(text).toContain('*REL-1* Weekly web release 3 Mar 2026 · Release of Weekly web release · Planned');
    expect(text.match(/\*REL-\d\*/g)).toEqual(['*REL-1*', '*REL-2*', '*REL-1*', '*REL-2*']);
  });

  it('lets the change form put a change on an upcoming release whose model covers its services', async () => {
    await h.command('UREQ', 'new');
    await h.settle();
    const form = h.lastOpenedView();
    const field = form.blocks.find((b: { block_id?: string }) => b.block_id === 'release');
    expect(field.optional).toBe(true);
    expect(field.element.options.map((o: { text: { text: string } }) => o.text.text)).toEqual([
      'REL-1 Weekly web release 3 Mar 2026',
      'REL-2 Weekly web release 10 Mar 2026',
    ]);
    const outside = await h.submit(
      'UREQ',
      form,
      formInput(h.clock.now(), { services: ['crm'], release: '1' }),
    );
    expect(outside.json).toEqual({
      response_action: 'errors',
      errors: {
        release: 'REL-1 does not cover crm: pick a release whose model covers every affected service.',
      },
    });
    const ok = await h.submit('UREQ', form, formInput(h.clock.now(), { release: '1' }));
    expect(ok.text).toBe('');
    await h.settle();
    const cab = h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB');
    expect(mrkdwnTexts(cab?.args.blocks).join('\n')).toContain(
      '*Release*\nREL-1 Weekly web release 3 Mar 2026',
    );
    expect(textOf(lastUpdate())).toContain('*CHG-1* Upgrade the wiki to 2.4');
  });

  it('moves a window from chat: the old reminders stay quiet, the new ones arrive', async () => {
    expect((await release('UREQ', 'move REL-1 2026-03-04T10:00')).json.text).toBe(
      ':calendar: REL-1 moved; its reminders are planned afresh.',
    );
    expect((await release('UREQ', 'move REL-1 tomorrow')).json.text).toBe(
      'When? Give the new start as `2026-03-12T10:00` (Europe/Berlin).',
    );
    await h.settle();
    h.fake.clear();
    h.clock.set(new Date('2026-03-03T08:00:00Z'));
    await h.settle();
    // Not T-1h of the old window; the new one's T-24h is at 09:00Z (4 March 10:00 Berlin).
    expect(posts('CREL').map((c) => c.args.text)).toEqual([]);
    h.clock.set(new Date('2026-03-03T09:00:00Z'));
    await h.settle();
    expect(posts('CREL').map((c) => c.args.text)).toEqual([
      // The planning job: 17 March has come within the train's 14 days.
      'REL-3 Weekly web release 17 Mar 2026: Planned',
      'Reminder (T-24h): REL-1 Weekly web release 3 Mar 2026 starts 4 Mar 2026, 10:00 CET.',
    ]);
  });

  it('reads a checklist click against the copy it was made on: a stale copy keeps what others ticked since', async () => {
    const done = () => h.app.ctx.repos.releases.get(1)!.checklist.map((i) => i.done);
    const ts = '1772442000.000001';
    await tickBox('UREQ', 1, [0], ts, []);
    await h.settle();
    expect(done()[0]).toBe(true);
    // Ivan's copy still shows nothing ticked; he ticks step 3 only.
    await tickBox('UIVAN', 1, [3], ts, []);
    await h.settle();
    expect([done()[0], done()[3]]).toEqual([true, true]);
    // Unticking step 3 on a card that shows 0 and 3 ticked leaves step 0 alone.
    await tickBox('UIVAN', 1, [0], ts, [0, 3]);
    await h.settle();
    expect([done()[0], done()[3]]).toEqual([true, false]);
  });
});
