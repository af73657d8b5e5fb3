import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardProblems, cardsIn, cardText, inputsOf, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, openForm, raiseInTeams, VALID_FORM } from './flows.ts';
import { executeAction, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

let t: TeamsTestApp;

beforeEach(async () => {
  t = await startTeamsTestApp();
});

afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('the change form in Teams', () => {
  it('answers "new" with the change form as an Adaptive Card in the personal chat', async () => {
    const where = await openForm(t);
    const sent = t.connector.messagesTo(where.conversationId).at(-1)!;
    const form = cardsIn(sent.body)[0];
    expect(cardProblems(form)).toEqual([]);
    const inputs = inputsOf(form);
    expect([...inputs.keys()]).toEqual(
      expect.arrayContaining([
        'title',
        'type',
        'services',
        'plannedStartDate',
        'plannedStartTime',
        'implementationPlan',
      ]),
    );
    expect(inputs.get('plannedStartDate')?.type).toBe('Input.Date');
    expect(inputs.get('plannedStartTime')?.type).toBe('Input.Time');
    expect(cardText(form)).toContain('Times are in Europe/Berlin.');
    expect(verbsOf(form)).toEqual(['submit_change']);
  });

  it('shows each error right under its field and keeps what was typed when the form is invalid', async () => {
    const where = await openForm(t);
    const res = await t.post(
      executeAction(t.connector, USERS.rita, where, 'submit_change', {
        ...VALID_FORM,
        tz: 'Europe/Berlin',
        title: 'x',
        plannedEndDate: '2026-03-05',
      }),
    );
    const form = invokeCard(res.body);
    const body = form.body as { type: string; id?: string; text?: string; color?: string; value?: string }[];
    const titleAt = body.findIndex((e) => e.id === 'title');
    expect(body[titleAt]?.value).toBe('x');
    expect(body[titleAt + 1]).toMatchObject({ type: 'TextBlock', color: 'attention' });
    const endTimeAt = body.findIndex((e) => e.id === 'plannedEndTime');
    expect(body[endTimeAt + 1]).toMatchObject({ type: 'TextBlock', color: 'attention' });
    // Every other input keeps its value.
    expect(inputsOf(form).get('description')?.value).toBe(VALID_FORM.description);
    expect(inputsOf(form).get('plannedEndDate')?.value).toBe('2026-03-05');
    expect(inputsOf(form).get('services')?.value).toBe('wiki');
    expect(t.app.ctx.repos.changes.get(1)).toBeNull();
  });

  it('reads the date and time in the form in the sender’s time zone', async () => {
    const { changeId } = await raiseInTeams(t);
    const change = t.app.ctx.repos.changes.get(changeId)!;
    // 10:00 in Berlin on 6 March 2026 (CET, UTC+1).
    expect(change.plannedStart.toISOString()).toBe('2026-03-06T09:00:00.000Z');
    expect(change.plannedEnd.toISOString()).toBe('2026-03-06T11:00:00.000Z');
  });
});
