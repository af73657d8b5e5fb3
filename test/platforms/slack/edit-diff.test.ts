import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mrkdwnTexts } from './block-kit.ts';
import { formInput, MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

const HOUR = 3_600_000;
const ref = (changeId: number, version: number) => JSON.stringify({ changeId, version });
const lastCardText = () =>
  mrkdwnTexts(
    h
      .callsTo('chat.update')
      .filter((c) => c.args.channel === 'CCAB')
      .at(-1)?.args.blocks,
  ).join('\n');
const dmsTo = (user: string) =>
  h.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${user}` && !c.args.thread_ts);

describe('the diff after an edit', () => {
  it('shows on the card and in the thread what changed since the vote, and asks the voters again', async () => {
    const now = h.clock.now();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    await h.click('UALICE', 'change.approve', ref(id, 1));
    await h.settle();
    h.fake.clear();

    await h.command('UREQ', `edit CHG-${id}`);
    await h.settle();
    const edited = formInput(now, {
      ...MEDIUM_RISK,
      services: ['wiki', 'crm'],
      plannedStart: new Date(now.getTime() + 120 * HOUR),
      plannedEnd: new Date(now.getTime() + 122 * HOUR),
      implementationPlan: 'Run the upgrade playbook <!channel>.',
    });
    expect((await h.submit('UREQ', h.lastOpenedView(), edited)).text).toBe('');
    await h.settle();

    const thread = h
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'CCAB' && c.args.thread_ts)
      .map((c) => mrkdwnTexts(c.args.blocks).join('\n') || String(c.args.text))
      .join('\n');
    expect(thread).toContain('Changed since version 1 (the one voted on):');
    expect(thread).toContain(
      'Window moved: 6 Mar 2026, 10:00 CET – 6 Mar 2026, 12:00 CET → 7 Mar 2026, 10:00 CET',
    );
    expect(thread).toContain('Services: added CRM');
    expect(thread).toContain('  − Run the upgrade playbook.');
    expect(thread).toContain('  + Run the upgrade playbook &lt;!channel&gt;.');

    const card = lastCardText();
    expect(card).toContain(':pencil2: *Changed since version 1, the one voted on*');
    expect(card).toContain('Services: added CRM');

    // Alice had voted: she is asked again, with the diff; Carol had not voted and is not messaged.
    const alice = dmsTo('UALICE');
    expect(alice).toHaveLength(1);
    expect(String(alice[0]!.args.text)).toContain(
      `CHG-${id} was edited after you voted; your vote no longer counts.`,
    );
    expect(mrkdwnTexts(alice[0]!.args.blocks).join('\n')).toContain('Services: added CRM');
    expect(dmsTo('UCAROL')).toHaveLength(0);

    // The earlier version's content is kept for the diff; once a vote lands on the new version it still shows.
    await h.click('UCAROL', 'change.approve', ref(id, 2));
    await h.settle();
    expect(lastCardText()).toContain('Changed since version 1');
  });

  it('shows no diff when nobody had voted on the edited version', async () => {
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    h.fake.clear();
    await h.command('UREQ', `edit CHG-${id}`);
    await h.settle();
    await h.submit(
      'UREQ',
      h.lastOpenedView(),
      formInput(h.clock.now(), { ...MEDIUM_RISK, testPlan: 'More.' }),
    );
    await h.settle();
    expect(lastCardText()).not.toContain('Changed since');
    expect(dmsTo('UALICE')).toHaveLength(0);
  });
});
