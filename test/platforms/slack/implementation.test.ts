import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let id: number;
const HOUR = 3_600_000;

beforeEach(async () => {
  h = await startSlackHarness();
  // A low-risk change (any one approval), approved by Alice, then the clock moves into its window.
  id = await raiseThroughSlack(h, 'UREQ');
  await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
  await h.settle();
  h.clock.set(new Date(h.clock.now().getTime() + 96 * HOUR));
  h.fake.clear();
});
afterEach(async () => {
  await h.stop();
});

const state = () =>
  h.app.database.sqlite
    .prepare('SELECT state, outcome, incidents_caused AS incidents FROM changes WHERE id = ?')
    .get(id) as { state: string; outcome: string | null; incidents: number | null };
const lastCard = () =>
  h
    .callsTo('chat.update')
    .filter((c) => c.args.channel === 'CCAB')
    .at(-1);

describe('implementation from the card', () => {
  it('lets an implementer start and complete the change with its outcome, and the card follows', async () => {
    await h.click('UIVAN', 'change.start', JSON.stringify({ changeId: id }));
    await h.settle();
    expect(state().state).toBe('implement');
    expect(buttonIds(lastCard()?.args.blocks)).toEqual(['change.complete', 'change.details']);
    expect(
      h
        .callsTo('chat.postMessage')
        .some((c) => c.args.thread_ts && c.args.text === 'CHG-1 was started by Ivan.'),
    ).toBe(true);

    await h.click('UIVAN', 'change.complete', JSON.stringify({ changeId: id }));
    await h.settle();
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('change.complete');
    const bad = await h.submit('UIVAN', modal, {
      outcome: 'successful_with_issues',
      note: '',
      incidentsCaused: '-1',
    });
    expect(bad.json).toEqual({
      response_action: 'errors',
      errors: { incidentsCaused: 'Incidents caused must be a whole number, 0 or more.' },
    });
    const done = await h.submit('UIVAN', modal, {
      outcome: 'successful_with_issues',
      note: 'Search index rebuilt by hand.',
      incidentsCaused: '1',
    });
    expect(done.text).toBe('');
    await h.settle();
    expect(state()).toEqual({ state: 'review', outcome: 'successful_with_issues', incidents: 1 });
    const text = mrkdwnTexts(lastCard()?.args.blocks).join('\n');
    expect(text).toContain('*Outcome:* Successful with issues — Search index rebuilt by hand.');
    expect(buttonIds(lastCard()?.args.blocks)).toEqual(['change.review', 'change.details']);
    // The requester hears about both steps taken by someone else.
    const dms = h
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === 'DUREQ')
      .map((c) => String(c.args.text));
    expect(dms).toEqual([
      'CHG-1 was started by Ivan.',
      'CHG-1 was completed: Successful with issues by Ivan.',
    ]);
  });

  it('refuses a start by someone who is neither the requester nor an implementer', async () => {
    await h.click('UOUT', 'change.start', JSON.stringify({ changeId: id }));
    await h.settle();
    expect(state().state).toBe('scheduled');
    const [note] = h.callsTo('response_url');
    expect(note?.args.text).toBe(':no_entry: Only its requester or an implementer can do that to CHG-1.');
  });
});

describe('implementation from the command', () => {
  it('starts and completes a change with /change start and /change complete', async () => {
    const started = await h.command('UREQ', 'start CHG-1');
    expect(started.json.response_type).toBe('ephemeral');
    expect(started.json.text).toContain('CHG-1 is in progress');
    await h.settle();
    expect(state().state).toBe('implement');
    expect(buttonIds(lastCard()?.args.blocks)).toContain('change.complete');

    const reply = await h.command('UREQ', 'complete chg-1');
    expect(reply.text).toBe('');
    await h.settle();
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('change.complete');
    await h.submit('UREQ', modal, {
      outcome: 'rolled_back',
      note: 'Editor broke <!here>.',
      incidentsCaused: '0',
    });
    await h.settle();
    expect(state()).toEqual({ state: 'review', outcome: 'rolled_back', incidents: 0 });
    expect(mrkdwnTexts(lastCard()?.args.blocks).join('\n')).toContain(
      '*Outcome:* Rolled back — Editor broke &lt;!here&gt;.',
    );
  });

  it('explains privately why a change cannot start before its window', async () => {
    h.clock.set(new Date(h.clock.now().getTime() - 48 * HOUR));
    const reply = await h.command('UREQ', 'start CHG-1');
    expect(reply.json.text).toBe(
      ':no_entry: CHG-1 cannot start: Its window has not opened yet; start it at most an hour before the planned start.',
    );
    expect(state().state).toBe('scheduled');
  });

  it('asks which change when the key is missing or unreadable', async () => {
    const reply = await h.command('UREQ', 'start tomorrow');
    expect(reply.json.text).toBe(
      'Which change? Give its key (`tomorrow` is not one), e.g. `/change start CHG-1042`.',
    );
  });

  it('cancels a change with a reason from the command', async () => {
    h.clock.set(new Date(h.clock.now().getTime() - 48 * HOUR));
    const reply = await h.command('UREQ', 'cancel CHG-1 supplier delay');
    expect(reply.json.text).toBe(':heavy_multiplication_x: CHG-1 is cancelled.');
    await h.settle();
    expect(state().state).toBe('cancelled');
    expect(buttonIds(lastCard()?.args.blocks)).toEqual(['change.details']);
  });

  it('keeps a reason typed with & < > as typed (Slack sends them as entities)', async () => {
    h.clock.set(new Date(h.clock.now().getTime() - 48 * HOUR));
    await h.command('UREQ', 'cancel CHG-1 R&amp;D needs &lt;more&gt; time');
    const audit = h.app.database.sqlite
      .prepare("SELECT reason FROM audit_events WHERE action = 'change.cancel'")
      .get() as { reason: string };
    expect(audit.reason).toBe('R&D needs <more> time');
  });
});
