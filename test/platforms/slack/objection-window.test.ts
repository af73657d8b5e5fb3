import { afterEach, describe, expect, it } from 'vitest';
import { timedPolicy } from '../../helpers/timed-policy.ts';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

const state = (id: number) =>
  (h.app.database.sqlite.prepare('SELECT state FROM changes WHERE id = ?').get(id) as { state: string })
    .state;
const cardText = () =>
  mrkdwnTexts(
    [...h.callsTo('chat.postMessage'), ...h.callsTo('chat.update')]
      .filter((c) => c.args.channel === 'CCAB' && !c.args.thread_ts)
      .at(-1)?.args.blocks,
  ).join('\n');
const threadTexts = () =>
  h
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === 'CCAB' && c.args.thread_ts)
    .map((c) => String(c.args.text));

describe('an objection window in Slack', () => {
  it('shows the deadline on the card and approves the change by the policy when it passes', async () => {
    h = await startSlackHarness({ policy: timedPolicy() });
    const id = await raiseThroughSlack(h, 'UREQ');
    expect(cardText()).toContain(
      `:hourglass_flowing_sand: *Approved by the policy unless a member objects by <!date^${Date.parse('2026-03-02T13:00:00Z') / 1000}^`,
    );
    // The deadline counts down in each reader's Slack (the relative date token).
    expect(cardText()).toContain(`(<!date^${Date.parse('2026-03-02T13:00:00Z') / 1000}^{ago}|`);
    h.clock.set(new Date('2026-03-02T13:00:00Z'));
    await h.settle();
    expect(state(id)).toBe('scheduled');
    expect(threadTexts()).toContain(
      `CHG-${id} was approved by the policy: nobody objected by 2 Mar 2026, 14:00 CET.`,
    );
  });

  it('is stopped by an objection with a reason, which leaves it to a normal vote', async () => {
    h = await startSlackHarness({ policy: timedPolicy() });
    const id = await raiseThroughSlack(h, 'UREQ');
    expect((await h.command('UCAROL', `object CHG-${id}`)).json.text).toBe(':no_entry: Say why you object.');
    const objected = await h.command('UCAROL', `object CHG-${id} Clashes with the <!channel> audit`);
    expect(objected.json).toMatchObject({
      response_type: 'ephemeral',
      text: `:raised_hand: You objected to CHG-${id}; it now needs a normal vote.`,
    });
    await h.settle();
    expect(cardText()).toContain(
      '*Carol* objected: Clashes with the &lt;!channel&gt; audit\nIt now needs a normal vote.',
    );
    h.clock.set(new Date('2026-03-02T18:00:00Z'));
    await h.settle();
    expect(state(id)).toBe('authorise');
    // A normal vote decides it now (low risk: any one member).
    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    expect(state(id)).toBe('scheduled');
  });

  it('takes an objection from the card’s Object button, with a required reason', async () => {
    h = await startSlackHarness({ policy: timedPolicy() });
    const id = await raiseThroughSlack(h, 'UREQ');
    const ref = JSON.stringify({ changeId: id, version: 1 });
    expect(
      buttonIds(h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB')?.args.blocks),
    ).toContain('change.object');
    await h.click('UALICE', 'change.object', ref);
    await h.settle();
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('vote.object');
    expect((await h.submit('UALICE', modal, { reason: '' })).json).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say why you object.' },
    });
    expect((await h.submit('UALICE', modal, { reason: 'Wait for the audit.' })).text).toBe('');
    await h.settle();
    expect(cardText()).toContain('*Alice* objected: Wait for the audit.');
    expect(
      buttonIds(
        h
          .callsTo('chat.update')
          .filter((c) => c.args.channel === 'CCAB')
          .at(-1)?.args.blocks,
      ),
    ).not.toContain('change.object');
    // The requester cannot object to their own change.
    await h.click('UREQ', 'change.object', ref);
    await h.settle();
    expect((await h.submit('UREQ', h.lastOpenedView(), { reason: 'Hmm' })).json.errors.reason).toBe(
      'Someone has already objected: it goes to a normal vote.',
    );
  });
});
