import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { cardText, inputsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, openForm, raiseInTeams, VALID_FORM } from './flows.ts';
import { executeAction, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: cards are JSON
type Json = any;

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

/** Every Action.Execute in the card body's ActionSets (the form's own submit is in `actions`). */
const bodyActions = (card: Json): Json[] =>
  (card.body as Json[]).filter((e) => e.type === 'ActionSet').flatMap((e) => e.actions as Json[]);

const FORM = { tz: 'Europe/Berlin', ...VALID_FORM };
const changeCount = () =>
  (t.app.database.sqlite.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

describe('the Teams change form and the change schedule', () => {
  it('checks the window: every overlap as a warning, and three free windows that fill the form in one click', async () => {
    const raised = await raiseInTeams(t);
    const where = await openForm(t, USERS.ivan);
    const checked = invokeCard(
      (await t.post(executeAction(t.connector, USERS.ivan, where, 'schedule_check', FORM))).body,
    );
    expect(cardText(checked)).toContain(
      `⚠️ Overlaps CHG-${raised.changeId} "Upgrade the wiki to 2.4" (Awaiting approval, Fri 6 Mar 10:00–12:00) on Wiki.`,
    );
    const slots = bodyActions(checked).filter((a) => a.verb === 'schedule_pick');
    expect(slots.map((a) => a.title)).toEqual([
      'Mon 2 Mar 10:00–12:00',
      'Mon 2 Mar 12:00–14:00',
      'Mon 2 Mar 14:00–16:00',
    ]);
    // What was typed is kept.
    expect(inputsOf(checked).get('title')?.value).toBe(VALID_FORM.title);

    const picked = invokeCard(
      (
        await t.post(
          executeAction(t.connector, USERS.ivan, where, 'schedule_pick', { ...FORM, ...slots[1].data }),
        )
      ).body,
    );
    const inputs = inputsOf(picked);
    expect([inputs.get('plannedStartDate')?.value, inputs.get('plannedStartTime')?.value]).toEqual([
      '2026-03-02',
      '12:00',
    ]);
    expect([inputs.get('plannedEndDate')?.value, inputs.get('plannedEndTime')?.value]).toEqual([
      '2026-03-02',
      '14:00',
    ]);
    expect(inputs.get('description')?.value).toBe(VALID_FORM.description);
    expect(cardText(picked)).toContain('No conflicts in this window.');
    expect(changeCount()).toBe(1);

    // Warnings never block: the overlapping window is accepted on submit.
    const submitted = invokeCard(
      (await t.post(executeAction(t.connector, USERS.ivan, where, 'submit_change', FORM))).body,
    );
    expect(cardText(submitted)).toContain('raised');
    expect(changeCount()).toBe(2);
  });

  it('refuses a hard-freeze window under the window fields, with free windows to pick instead', async () => {
    const where = await openForm(t);
    const frozen = { ...FORM, plannedStartDate: '2026-03-11', plannedEndDate: '2026-03-11' };
    const refused = invokeCard(
      (await t.post(executeAction(t.connector, USERS.rita, where, 'submit_change', frozen))).body,
    );
    const body = refused.body as Json[];
    const startTimeAt = body.findIndex((e) => e.id === 'plannedStartTime');
    expect(body[startTimeAt + 1]).toMatchObject({
      type: 'TextBlock',
      color: 'attention',
      text: expect.stringContaining(
        'inside the change freeze "Quarter close"; only emergency changes are allowed',
      ),
    });
    expect(bodyActions(refused).filter((a) => a.verb === 'schedule_pick')).toHaveLength(3);
    expect(changeCount()).toBe(0);

    const emergency = invokeCard(
      (
        await t.post(
          executeAction(t.connector, USERS.rita, where, 'submit_change', { ...frozen, type: 'emergency' }),
        )
      ).body,
    );
    expect(cardText(emergency)).toContain('raised');
    expect(changeCount()).toBe(1);
  });

  it('asks for the freeze justification in a soft freeze, and accepts it once given', async () => {
    const where = await openForm(t);
    const soft = { ...FORM, plannedStartDate: '2026-03-13', plannedEndDate: '2026-03-13' };
    const refused = invokeCard(
      (await t.post(executeAction(t.connector, USERS.rita, where, 'submit_change', soft))).body,
    );
    const body = refused.body as Json[];
    const at = body.findIndex((e) => e.id === 'freezeJustification');
    expect(body[at]).toMatchObject({ type: 'Input.Text', label: 'Freeze justification' });
    expect(cardText(refused)).toContain('inside the soft freeze "Wiki migration"');
    expect(changeCount()).toBe(0);
    const accepted = invokeCard(
      (
        await t.post(
          executeAction(t.connector, USERS.rita, where, 'submit_change', {
            ...soft,
            freezeJustification: 'Vendor deadline.',
          }),
        )
      ).body,
    );
    expect(cardText(accepted)).toContain('raised');
    expect(changeCount()).toBe(1);
  });

  it('warns of a window outside the service maintenance windows and offers windows inside them', async () => {
    const where = await openForm(t);
    const crm = { ...FORM, services: 'crm' };
    const checked = invokeCard(
      (await t.post(executeAction(t.connector, USERS.rita, where, 'schedule_check', crm))).body,
    );
    expect(cardText(checked)).toContain('⚠️ Outside the maintenance windows of CRM.');
    const slots = bodyActions(checked).filter((a) => a.verb === 'schedule_pick');
    expect(slots.map((a) => a.data.slotStart)).toEqual([
      '2026-03-03T02:00:00.000Z',
      '2026-03-03T04:00:00.000Z',
      '2026-03-05T02:00:00.000Z',
    ]);
  });
});
