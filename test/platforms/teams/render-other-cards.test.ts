import { describe, expect, it } from 'vitest';
import { buildChangeForm } from '../../../src/domain/views/change-form.ts';
import { renderChangeForm } from '../../../src/platforms/teams/render/form-card.ts';
import {
  renderHelpCard,
  renderListCard,
  renderMessageCard,
  renderNoticeCard,
} from '../../../src/platforms/teams/render/info-cards.ts';
import { makePolicy } from '../../domain/fixtures.ts';
import { cardProblems, cardText, inputsOf, verbsOf } from './card-structure.ts';
import { change } from './change-fixture.ts';

describe('the Teams change form', () => {
  const form = buildChangeForm(makePolicy());

  it('splits each date into a date and a time input and says which time zone they are in', () => {
    const card = renderChangeForm(form, {
      inputs: { plannedStartDate: '2026-03-06', plannedStartTime: '10:00' },
      timeZone: 'America/New_York',
      submit: { verb: 'submit_change', data: { tz: 'America/New_York' } },
    });
    const inputs = inputsOf(card);
    expect(inputs.get('plannedStartDate')).toMatchObject({
      type: 'Input.Date',
      value: '2026-03-06',
      label: 'Planned start (America/New_York)',
    });
    expect(inputs.get('plannedStartTime')).toMatchObject({ type: 'Input.Time', value: '10:00' });
    expect(cardText(card)).toContain('Times are in America/New_York.');
    expect(cardProblems(card)).toEqual([]);
  });

  it('offers the policy’s services as a multi-select and keeps the chosen ones', () => {
    const card = renderChangeForm(form, {
      inputs: { services: 'wiki,crm' },
      timeZone: 'Europe/Berlin',
      submit: { verb: 'submit_change', data: {} },
    });
    expect(inputsOf(card).get('services')).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      value: 'wiki,crm',
      choices: [
        { title: 'Wiki', value: 'wiki' },
        { title: 'CRM', value: 'crm' },
        { title: 'Web shop', value: 'web' },
        { title: 'Payments', value: 'payments' },
      ],
    });
  });

  it('puts a problem that belongs to no field above the form', () => {
    const card = renderChangeForm(form, {
      inputs: {},
      message: 'The change policy names no approval route for emergency changes.',
      timeZone: 'Europe/Berlin',
      submit: { verb: 'submit_change', data: {} },
    });
    expect(card.body[1]).toEqual({
      type: 'Container',
      style: 'attention',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: 'The change policy names no approval route for emergency changes.' },
          ],
        },
      ],
    });
  });
});

describe('the other Teams cards', () => {
  it('renders a short message exactly', () => {
    expect(renderMessageCard('Done.', 'good')).toEqual({
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        {
          type: 'Container',
          style: 'good',
          items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Done.' }] }],
        },
      ],
      fallbackText: 'Done.',
    });
  });

  it('lets a requester answer a question from the notice itself', () => {
    const card = renderNoticeCard({
      changeId: 12,
      headline: 'Bob asks about CHG-12',
      body: 'Tested?',
      questionId: 4,
    });
    expect(verbsOf(card)).toEqual(['answer']);
    expect(cardProblems(card)).toEqual([]);
    expect(
      renderNoticeCard({ changeId: 12, headline: 'CHG-12 was approved', body: null, questionId: null })
        .actions,
    ).toEqual([]);
  });

  it('are all valid cards', () => {
    expect(
      cardProblems(renderHelpCard({ channelId: '19:x@thread.tacv2', channelName: 'CAB', unknown: 'deploy' })),
    ).toEqual([]);
    expect(
      cardProblems(renderListCard({ mine: [change()], awaitingMe: [change()], soon: [change()] })),
    ).toEqual([]);
  });
});
