import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
let id: number;
const HOUR = 3_600_000;
const changeRef = () => JSON.stringify({ changeId: id });

beforeEach(async () => {
  h = await startSlackHarness();
  // A low-risk change (any one approval), approved by Alice; the clock then moves into its window.
  id = await raiseThroughSlack(h, 'UREQ');
  await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
  await h.settle();
  h.clock.set(new Date(h.clock.now().getTime() + 96 * HOUR));
  h.fake.clear();
});
afterEach(async () => {
  await h.stop();
});

const row = () =>
  h.app.database.sqlite.prepare('SELECT state, review FROM changes WHERE id = ?').get(id) as {
    state: string;
    review: string | null;
  };
const auditActions = () =>
  (
    h.app.database.sqlite
      .prepare('SELECT action FROM audit_events WHERE change_id = ? ORDER BY seq')
      .all(id) as { action: string }[]
  ).map((r) => r.action);
const lastCard = (channel = 'CCAB') =>
  h
    .callsTo('chat.update')
    .filter((c) => c.args.channel === channel)
    .at(-1);
const lastHomeOf = (user: string) =>
  h
    .callsTo('views.publish')
    .filter((c) => c.args.user_id === user)
    .at(-1)?.args.view as { blocks: unknown[] } | undefined;

/** Starts and completes the change through Slack, as Ivan the implementer. */
async function completeThroughSlack(outcome = 'failed'): Promise<void> {
  await h.command('UIVAN', 'start CHG-1');
  await h.settle();
  await h.click('UIVAN', 'change.complete', changeRef());
  await h.settle();
  const done = await h.submit('UIVAN', h.lastOpenedView(), {
    outcome,
    note: 'The index <rebuild> failed.',
    incidentsCaused: '1',
  });
  if (done.text !== '') throw new Error(`complete refused: ${done.text}`);
  await h.settle();
  h.fake.clear();
}

describe('the post-implementation review from the card', () => {
  it('offers Record review on a completed change, insists on a summary, then closes the change and updates the card', async () => {
    await h.command('UIVAN', 'start CHG-1');
    await h.settle();
    await h.click('UIVAN', 'change.complete', changeRef());
    await h.settle();
    await h.submit('UIVAN', h.lastOpenedView(), {
      outcome: 'failed',
      note: 'Index broke.',
      incidentsCaused: '1',
    });
    await h.settle();
    expect(row().state).toBe('review');
    expect(buttonIds(lastCard()?.args.blocks)).toEqual(['change.review', 'change.details']);
    // The requester's own copy offers it too, and so does their App Home.
    expect(buttonIds(lastCard('DUREQ')?.args.blocks)).toContain('change.review');
    expect(buttonIds(lastHomeOf('UREQ')?.blocks)).toContain('change.review');

    await h.click('UIVAN', 'change.review', changeRef());
    await h.settle();
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('change.review');
    expect(modal.title.text).toBe('Review CHG-1');
    expect(JSON.parse(modal.private_metadata)).toEqual({ changeId: id });
    expect(
      modal.blocks
        .filter((b: { type: string }) => b.type === 'input')
        .map((b: { block_id: string }) => b.block_id),
    ).toEqual(['metGoal', 'summary', 'lessons']);
    expect(mrkdwnTexts(modal.blocks).join('\n')).toContain('*Outcome:* Failed — Index broke.');

    const empty = await h.submit('UIVAN', modal, { metGoal: 'no', summary: '   ', lessons: '' });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: { summary: 'Summarise how the change went.' },
    });
    expect(row().state).toBe('review');

    const done = await h.submit('UIVAN', modal, {
      metGoal: 'no',
      summary: 'The search index broke; rolled forward by hand.',
      lessons: 'Snapshot the index too.',
    });
    expect(done.status).toBe(200);
    expect(done.text).toBe('');
    await h.settle();
    const { state, review } = row();
    expect(state).toBe('closed');
    expect(JSON.parse(review ?? 'null')).toMatchObject({
      metGoal: false,
      summary: 'The search index broke; rolled forward by hand.',
      lessons: 'Snapshot the index too.',
    });
    expect(auditActions().at(-1)).toBe('change.review');
    const card = lastCard();
    expect(card?.args.text).toContain('Closed');
    expect(mrkdwnTexts(card?.args.blocks).join('\n')).toContain(
      '*Review:* did not meet its goal — The search index broke; rolled forward by hand.\n*Lessons:* Snapshot the index too.',
    );
    expect(buttonIds(card?.args.blocks)).toEqual(['change.details']);
    expect(
      h
        .callsTo('chat.postMessage')
        .some((c) => c.args.thread_ts && c.args.text === 'CHG-1 was reviewed and closed by Ivan.'),
    ).toBe(true);
  });

  it('asks whether the change met its goal when the answer is missing', async () => {
    await completeThroughSlack();
    await h.click('UREQ', 'change.review', changeRef());
    await h.settle();
    const reply = await h.submit('UREQ', h.lastOpenedView(), { summary: 'It failed.' });
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: { metGoal: 'Say whether the change met its goal.' },
    });
    expect(row().state).toBe('review');
  });

  it('keeps a refusal in the modal when someone who may not review submits it', async () => {
    await completeThroughSlack();
    await h.click('UOUT', 'change.review', changeRef());
    await h.settle();
    const reply = await h.submit('UOUT', h.lastOpenedView(), { metGoal: 'yes', summary: 'Fine by me.' });
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: { metGoal: 'Only its requester or an implementer can do that to CHG-1.' },
    });
    expect(row()).toEqual({ state: 'review', review: null });
  });

  it('answers a click on a stale Record review button with a private note naming the state', async () => {
    await completeThroughSlack();
    await h.command('UREQ', 'review CHG-1');
    await h.settle();
    await h.submit('UREQ', h.lastOpenedView(), { metGoal: 'yes', summary: 'Done.' });
    await h.settle();
    expect(row().state).toBe('closed');
    const opened = h.callsTo('views.open').length;
    await h.click('UIVAN', 'change.review', changeRef());
    await h.settle();
    expect(h.callsTo('views.open')).toHaveLength(opened);
    const notes = h
      .callsTo('response_url')
      .filter((c) => c.args.id === 'change.review-UIVAN')
      .map((c) => c.args.text);
    expect(notes).toEqual([':information_source: CHG-1 is *Closed*; there is no review to record.']);
  });
});

describe('the post-implementation review from the command', () => {
  it('opens the same modal with /change review, and the review closes the change', async () => {
    await completeThroughSlack('successful');
    const reply = await h.command('UREQ', 'review chg-1');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    await h.settle();
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('change.review');
    await h.submit('UREQ', modal, { metGoal: 'yes', summary: 'Upgraded; editors are happy.' });
    await h.settle();
    expect(row().state).toBe('closed');
    expect(JSON.parse(row().review ?? 'null')).toMatchObject({ metGoal: true, lessons: '' });
    expect(auditActions()).toContain('change.review');
  });

  it('says privately that a change not in review has none to record, naming its state', async () => {
    const reply = await h.command('UREQ', 'review CHG-1');
    expect(reply.json.response_type).toBe('ephemeral');
    expect(reply.json.text).toBe(
      ':information_source: CHG-1 is *Scheduled*, not in review; its review is recorded once it is completed.',
    );
    expect(h.callsTo('views.open')).toHaveLength(0);
    expect(row().state).toBe('scheduled');
  });

  it('says so when the change does not exist', async () => {
    const reply = await h.command('UREQ', 'review CHG-99');
    expect(reply.json.text).toBe(':mag: CHG-99 does not exist.');
  });
});
