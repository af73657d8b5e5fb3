import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { type FormInput, formInput, MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

const HOUR = 3_600_000;
// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;

const row = (id: number) =>
  h.app.database.sqlite.prepare('SELECT state, version, title FROM changes WHERE id = ?').get(id) as {
    state: string;
    version: number;
    title: string;
  };
const lastCard = (channel = 'CCAB') =>
  h
    .callsTo('chat.update')
    .filter((c) => c.args.channel === channel)
    .at(-1);
const dmsTo = (user: string) =>
  h
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === `D${user}` && !c.args.thread_ts)
    .map((c) => String(c.args.text));
const element = (view: Json, blockId: string) =>
  view.blocks.find((b: { block_id?: string }) => b.block_id === blockId)?.element;

/** Opens `/change edit` as `user` and returns the modal that opened. */
async function openEdit(user: string, key = 'CHG-1'): Promise<Json> {
  const reply = await h.command(user, `edit ${key}`);
  if (reply.text !== '') throw new Error(`edit refused: ${reply.text}`);
  await h.settle();
  return h.lastOpenedView();
}

describe('editing a change with /change edit', () => {
  it('prefills the form, shows field errors inline, and reopens an approved change for a new vote', async () => {
    const now = h.clock.now();
    const input: FormInput = formInput(now);
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    expect(row(id).state).toBe('scheduled');
    h.fake.clear();

    const view = await openEdit('UREQ');
    expect(view.callback_id).toBe('change.edit');
    expect(view.title.text).toBe('Edit CHG-1');
    expect(JSON.parse(view.private_metadata)).toEqual({ changeId: id, version: 1 });
    expect(mrkdwnTexts(view.blocks)).toContain(
      'Saving makes this version 2: earlier votes no longer count and its approval is reopened.',
    );
    expect(element(view, 'title').initial_value).toBe('Upgrade the wiki to 2.4');
    expect(element(view, 'type').initial_option.value).toBe('normal');
    expect(element(view, 'services').initial_options.map((o: { value: string }) => o.value)).toEqual([
      'wiki',
    ]);
    expect(element(view, 'plannedStart').initial_date_time).toBe(
      Math.floor((input.plannedStart as Date).getTime() / 1000),
    );
    expect(element(view, 'impact').initial_option.value).toBe('none');
    expect(element(view, 'backoutPlan').initial_value).toBe('Restore the snapshot taken before.');

    const invalid = await h.submit('UREQ', view, {
      ...input,
      title: '',
      plannedEnd: new Date(now.getTime() + 95 * HOUR),
    });
    expect(invalid.json.response_action).toBe('errors');
    expect(invalid.json.errors).toEqual({
      title: 'Give the change a title.',
      plannedEnd: expect.any(String),
    });
    expect(row(id)).toMatchObject({ state: 'scheduled', version: 1 });

    const saved = await h.submit('UREQ', view, { ...input, title: 'Upgrade the wiki to 2.5' });
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    await h.settle();
    expect(row(id)).toEqual({ state: 'authorise', version: 2, title: 'Upgrade the wiki to 2.5' });
    const card = lastCard();
    expect(card?.args.text).toBe('CHG-1 Upgrade the wiki to 2.5 — Normal, Low risk, Awaiting approval');
    expect(buttonIds(card?.args.blocks)).toEqual([
      'change.approve',
      'change.reject',
      'change.request_info',
      'change.details',
    ]);
    // The approve button now carries the new version, so a click binds to what the voter sees.
    const approve = ((card?.args.blocks ?? []) as Json[])
      .flatMap((b: Json) => b.elements ?? [])
      .find((e: Json) => e.action_id === 'change.approve');
    expect(JSON.parse(approve.value)).toEqual({ changeId: id, version: 2 });
    expect(dmsTo('UREQ')).toEqual([
      expect.stringMatching(
        /^:pencil2: CHG-1 is now version 2; earlier votes no longer count; its approval is reopened\.\nNext: /,
      ),
    ]);
  });

  it('confirms an edit of a change still awaiting approval without reopening anything', async () => {
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    h.fake.clear();
    const view = await openEdit('UREQ');
    expect(mrkdwnTexts(view.blocks)).toContain('Saving makes this version 2: earlier votes no longer count.');
    await h.submit('UREQ', view, formInput(h.clock.now(), { ...MEDIUM_RISK, testPlan: 'Open ten pages.' }));
    await h.settle();
    expect(row(id)).toMatchObject({ state: 'authorise', version: 2 });
    expect(dmsTo('UREQ')[0]).toMatch(/^:pencil2: CHG-1 is now version 2; earlier votes no longer count\.\n/);
  });

  it('refuses a second save of the same form, the change having moved to a newer version', async () => {
    await raiseThroughSlack(h, 'UREQ');
    const view = await openEdit('UREQ');
    const first = await h.submit(
      'UREQ',
      view,
      formInput(h.clock.now(), { title: 'Upgrade the wiki to 2.5' }),
    );
    expect(first.text).toBe('');
    const second = await h.submit(
      'UREQ',
      view,
      formInput(h.clock.now(), { title: 'Upgrade the wiki to 2.6' }),
    );
    expect(second.json).toEqual({
      response_action: 'errors',
      errors: { title: 'CHG-1 was edited meanwhile (now version 2); reopen it and try again.' },
    });
    expect(row(1)).toMatchObject({ version: 2, title: 'Upgrade the wiki to 2.5' });
  });

  it('keeps the type of a raised change, saying so under the type field', async () => {
    await raiseThroughSlack(h, 'UREQ');
    const view = await openEdit('UREQ');
    const reply = await h.submit('UREQ', view, formInput(h.clock.now(), { type: 'emergency' }));
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: { type: 'The type of a raised change cannot change; cancel it and raise a new one.' },
    });
    expect(row(1).version).toBe(1);
  });

  it('refuses privately, without a form, anyone but the requester', async () => {
    await raiseThroughSlack(h, 'UREQ');
    h.fake.clear();
    const reply = await h.command('UALICE', 'edit CHG-1');
    expect(reply.json.response_type).toBe('ephemeral');
    expect(reply.json.text).toBe(':no_entry: Only the requester can edit CHG-1.');
    await h.settle();
    expect(h.callsTo('views.open')).toHaveLength(0);
    expect(row(1).version).toBe(1);
  });

  it('refuses privately, without a form, a change that is finished', async () => {
    await raiseThroughSlack(h, 'UREQ');
    await h.command('UREQ', 'cancel CHG-1');
    h.fake.clear();
    const reply = await h.command('UREQ', 'edit CHG-1');
    expect(reply.json.text).toBe(':no_entry: CHG-1 is *Cancelled*; it can no longer be edited.');
    expect(h.callsTo('views.open')).toHaveLength(0);
  });

  it('says so when the change does not exist', async () => {
    const reply = await h.command('UREQ', 'edit CHG-41');
    expect(reply.json.text).toBe(':mag: CHG-41 does not exist.');
  });
});
