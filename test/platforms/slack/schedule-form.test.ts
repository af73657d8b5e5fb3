import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { formInput } from './form-input.ts';
import { clickInModal } from './modal-click.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  await h.stop();
});

const at = (iso: string) => new Date(iso);

const lastUpdatedView = (): Json => {
  const call = h.callsTo('views.update').at(-1);
  if (!call) throw new Error('no views.update call');
  return call.args.view;
};
const blockById = (view: Json, id: string) => view.blocks.find((b: Json) => b.block_id === id);

async function openForm(user = 'UREQ'): Promise<Json> {
  await h.command(user, 'new');
  await h.settle();
  return h.lastOpenedView();
}

describe('the Slack change form and the change schedule', () => {
  it('puts the schedule check under the window and the soft-freeze justification on the form', async () => {
    const view = await openForm();
    const ids = view.blocks.map((b: Json) => b.block_id);
    expect(ids.indexOf('schedule')).toBe(ids.indexOf('plannedEnd') + 1);
    expect(blockById(view, 'freezeJustification')).toMatchObject({ type: 'input', optional: true });
  });

  it('warns of every overlapping change, offers three free windows, and fills the window with one click', async () => {
    const first = await raiseThroughSlack(h, 'UREQ');
    const second = await raiseThroughSlack(h, 'UREQ', {
      plannedStart: at('2026-03-06T10:00:00Z'),
      plannedEnd: at('2026-03-06T12:00:00Z'),
    });
    const view = await openForm('UIVAN');
    const input = formInput(h.clock.now()); // 6 March 09:00–11:00 UTC on the wiki
    const checked = await clickInModal(h, 'UIVAN', view, input, 'schedule.check', 'check');
    expect(checked.status).toBe(200);
    await h.settle();
    const update = h.callsTo('views.update').at(-1);
    expect(update?.args.view_id).toBe('VMODAL');
    expect(update?.args.hash).toBe('h1');
    const updated = lastUpdatedView();
    const advice = blockById(updated, 'schedule_advice').text.text as string;
    // Ivan reads times in Asia/Kolkata (UTC+5:30).
    expect(advice).toContain(
      `:warning: Overlaps CHG-${first} "Upgrade the wiki to 2.4" (Awaiting approval, Fri 6 Mar 14:30–16:30) on Wiki.`,
    );
    expect(advice).toContain(
      `:warning: Overlaps CHG-${second} "Upgrade the wiki to 2.4" (Awaiting approval, Fri 6 Mar 15:30–17:30) on Wiki.`,
    );
    const slots = blockById(updated, 'schedule_slots').elements as Json[];
    expect(slots.map((b) => b.text.text)).toEqual([
      'Mon 2 Mar 14:30–16:30',
      'Mon 2 Mar 16:30–18:30',
      'Mon 2 Mar 18:30–20:30',
    ]);
    expect(slots.map((b) => b.action_id)).toEqual(['schedule.slot.0', 'schedule.slot.1', 'schedule.slot.2']);

    await clickInModal(h, 'UIVAN', updated, input, 'schedule.slot.1', slots[1].value);
    await h.settle();
    const filled = lastUpdatedView();
    // New block ids make Slack show the new values instead of what was typed before.
    expect(blockById(filled, 'plannedStart.r1').element.initial_date_time).toBe(
      at('2026-03-02T11:00:00Z').getTime() / 1000,
    );
    expect(blockById(filled, 'plannedEnd.r1').element.initial_date_time).toBe(
      at('2026-03-02T13:00:00Z').getTime() / 1000,
    );
    expect(blockById(filled, 'schedule_advice').text.text).toContain('No conflicts in this window.');

    // Submitting the filled-in form reads the renamed window blocks; warnings never block a submission.
    const picked = {
      ...input,
      'plannedStart.r1': at('2026-03-02T11:00:00Z'),
      'plannedEnd.r1': at('2026-03-02T13:00:00Z'),
    };
    const submitted = await h.submit('UIVAN', filled, picked);
    expect(submitted.text).toBe('');
    await h.settle();
    const row = h.app.database.sqlite
      .prepare(
        'SELECT planned_start FROM changes WHERE requester_id = (SELECT id FROM people WHERE slack_user_id = ?)',
      )
      .get('UIVAN') as { planned_start: number };
    expect(row.planned_start).toBe(at('2026-03-02T11:00:00Z').getTime());
  });

  it('refuses a window in a hard freeze on the window fields, and lets an emergency through', async () => {
    const view = await openForm();
    const frozen = formInput(h.clock.now(), {
      plannedStart: at('2026-03-11T09:00:00Z'),
      plannedEnd: at('2026-03-11T10:00:00Z'),
    });
    const refused = await h.submit('UREQ', view, frozen);
    expect(refused.json.response_action).toBe('errors');
    expect(refused.json.errors).toEqual({
      plannedStart:
        'This window is inside the change freeze "Quarter close"; only emergency changes are allowed. Finance closes the quarter. Pick another window.',
      plannedEnd:
        'Inside a change freeze: pick another window ("Check window · find free slots" offers free ones).',
    });
    expect(h.app.database.sqlite.prepare('SELECT count(*) AS n FROM changes').get()).toEqual({ n: 0 });

    const emergency = await h.submit('UREQ', view, {
      ...frozen,
      type: 'emergency',
      justification: 'Outage.',
    });
    expect(emergency.text).toBe('');
    expect(h.app.database.sqlite.prepare('SELECT freezes FROM change_schedule_notes').get()).toEqual({
      freezes: '["Quarter close"]',
    });
  });

  it('asks for a justification in a soft freeze, then accepts the change with it', async () => {
    const view = await openForm();
    const soft = formInput(h.clock.now(), {
      plannedStart: at('2026-03-13T09:00:00Z'),
      plannedEnd: at('2026-03-13T10:00:00Z'),
    });
    const refused = await h.submit('UREQ', view, soft);
    expect(Object.keys(refused.json.errors)).toEqual(['freezeJustification']);
    expect(refused.json.errors.freezeJustification).toMatch(/inside the soft freeze "Wiki migration"/);

    const accepted = await h.submit('UREQ', view, {
      ...soft,
      freezeJustification: 'The vendor patch cannot wait.',
    });
    expect(accepted.text).toBe('');
    expect(
      h.app.database.sqlite.prepare('SELECT freeze_justification FROM change_schedule_notes').get(),
    ).toEqual({
      freeze_justification: 'The vendor patch cannot wait.',
    });
  });

  it('warns, without blocking, of a window outside the service maintenance windows', async () => {
    const view = await openForm();
    // Friday 6 March is not a CRM maintenance day (Tuesdays and Thursdays 02:00–06:00).
    const input = formInput(h.clock.now(), { services: ['crm'] });
    await clickInModal(h, 'UREQ', view, input, 'schedule.check', 'check');
    await h.settle();
    const updated = lastUpdatedView();
    expect(blockById(updated, 'schedule_advice').text.text).toContain(
      ':warning: Outside the maintenance windows of CRM.',
    );
    // The free windows are inside maintenance time: Tuesday 3 March 02:00 UTC (21:00 the evening before in New York).
    const slots = blockById(updated, 'schedule_slots').elements as Json[];
    expect(slots.map((b) => JSON.parse(b.value).start)).toEqual([
      '2026-03-03T02:00:00.000Z',
      '2026-03-03T04:00:00.000Z',
      '2026-03-05T02:00:00.000Z',
    ]);
    const submitted = await h.submit('UREQ', view, input);
    expect(submitted.text).toBe('');
    await h.settle();
    // The requester's private confirmation repeats the warning they went ahead with.
    const dm = h.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('is raised'));
    expect(String(dm?.args.text)).toContain(
      ':warning: Its window: outside the maintenance windows of CRM. The CAB sees this on the card.',
    );
  });

  it('prefills the stored freeze justification in the edit form, and checks the edited window without itself', async () => {
    const id = await raiseThroughSlack(h, 'UREQ', {
      plannedStart: at('2026-03-13T09:00:00Z'),
      plannedEnd: at('2026-03-13T10:00:00Z'),
      freezeJustification: 'The vendor patch cannot wait.',
    });
    await h.command('UREQ', `edit CHG-${id}`);
    await h.settle();
    const view = h.lastOpenedView();
    expect(view.callback_id).toBe('change.edit');
    expect(blockById(view, 'freezeJustification').element.initial_value).toBe(
      'The vendor patch cannot wait.',
    );
    const input = formInput(h.clock.now(), {
      plannedStart: at('2026-03-13T09:00:00Z'),
      plannedEnd: at('2026-03-13T10:00:00Z'),
      freezeJustification: 'The vendor patch cannot wait.',
    });
    await clickInModal(h, 'UREQ', view, input, 'schedule.check', 'check');
    await h.settle();
    const advice = blockById(lastUpdatedView(), 'schedule_advice').text.text as string;
    expect(advice).not.toContain(`CHG-${id}`);
    expect(advice).toContain('Inside the change freeze Wiki migration.');
  });

  it('says so when no free window of that length fits in the slot finder’s horizon', async () => {
    await h.stop();
    const policy = schedulePlatformPolicy();
    h = await startSlackHarness({
      policy: {
        ...policy,
        freezes: [
          ...(policy.freezes ?? []),
          {
            name: 'Moratorium',
            timing: { kind: 'once', start: at('2026-03-01T00:00:00Z'), end: at('2026-05-01T00:00:00Z') },
            services: ['wiki'],
            level: 'hard',
            message: '',
          },
        ],
      },
    });
    const view = await openForm();
    await clickInModal(h, 'UREQ', view, formInput(h.clock.now()), 'schedule.check', 'check');
    await h.settle();
    const updated = lastUpdatedView();
    const advice = blockById(updated, 'schedule_advice').text.text as string;
    expect(advice).toContain(':no_entry: This window is inside the change freeze "Moratorium"');
    expect(advice).toContain(':calendar: No free slot of this length in the next 30 days.');
    expect(blockById(updated, 'schedule_slots')).toBeUndefined();
  });

  it('asks for the affected services first when the window is checked without any', async () => {
    const view = await openForm();
    await clickInModal(
      h,
      'UREQ',
      view,
      formInput(h.clock.now(), { services: [] }),
      'schedule.check',
      'check',
    );
    await h.settle();
    expect(blockById(lastUpdatedView(), 'schedule_advice').text.text).toContain(
      'Pick the affected services first',
    );
  });
});
