import { describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../../src/domain/change/change.ts';
import { CHANGE_STATES } from '../../../src/domain/change/types.ts';
import { buildCalendar } from '../../../src/domain/schedule/calendar.ts';
import { buildChangeForm } from '../../../src/domain/views/change-form.ts';
import { renderCalendarCard } from '../../../src/platforms/teams/render/calendar-card.ts';
import { renderChangeCard } from '../../../src/platforms/teams/render/change-card.ts';
import { renderChangeForm } from '../../../src/platforms/teams/render/form-card.ts';
import {
  renderHelpCard,
  renderListCard,
  renderMessageCard,
  renderNoticeCard,
} from '../../../src/platforms/teams/render/info-cards.ts';
import { NOW } from '../../domain/fixtures.ts';
import { adaptiveCardProblems } from '../../helpers/adaptive-card-validator.ts';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { cardProblems } from './card-structure.ts';
import { change, LONG, view, voteBy } from './change-fixture.ts';

const question: QuestionRecord = {
  id: 4,
  version: 2,
  askerId: 2,
  askerName: 'Bob',
  question: 'Tested on staging?',
  askedAt: NOW,
  answer: null,
  answeredByName: null,
  answeredAt: null,
};

const schedule = {
  overlaps: [{ key: 'CHG-3', title: 'Reindex', stateLabel: 'Scheduled', start: NOW, end: NOW }],
  overlapCount: 14,
  freezes: [{ name: 'Quarter close', level: 'hard' as const, message: 'Only emergencies.' }],
  outsideMaintenance: ['CRM'],
  freezeJustification: 'Vendor deadline.',
};

/** Every card the Teams renderers produce, in the variants that change their structure. */
function everyCard(): [string, unknown][] {
  const policy = schedulePlatformPolicy();
  const form = buildChangeForm(policy);
  const cards: [string, unknown][] = [];
  for (const state of CHANGE_STATES) {
    for (const audience of ['cab', 'requester'] as const) {
      for (const votes of ['buttons', 'pull', 'none'] as const) {
        const v = view(change({ state }), audience, [voteBy(2, 'Bob', 'approve')], [question]);
        cards.push([
          `change card ${state}/${audience}/${votes}`,
          renderChangeCard({ ...v, schedule }, { votes }),
        ]);
      }
    }
  }
  cards.push([
    'change card with errors and long plans',
    renderChangeCard(view(change({ state: 'implement', implementationPlan: LONG, backoutPlan: LONG })), {
      votes: 'buttons',
      errors: { rejectReason: 'Give a reason.', question: 'Ask something.' },
      notice: { text: 'Refused.', tone: 'attention' },
    }),
  ]);
  const advice = {
    problems: ['Inside a freeze.'],
    warnings: ['Overlaps CHG-3.'],
    slots: [{ window: { start: NOW, end: NOW }, label: 'Mon 2 Mar 10:00–12:00' }],
    slotNote: 'Only 1 free slot.',
  };
  cards.push([
    'change form with schedule advice and errors',
    renderChangeForm(form, {
      inputs: { title: 'x', plannedStartDate: '2026-03-06', plannedStartTime: '10:00' },
      errors: { title: 'Too short.', plannedStart: 'Inside a freeze.', freezeJustification: 'Say why.' },
      message: 'Please fix.',
      timeZone: 'Europe/Berlin',
      submit: { verb: 'submit_edit', data: { tz: 'Europe/Berlin', changeId: 1, version: 1 } },
      advice,
    }),
  ]);
  cards.push([
    'change form with two hundred overlap warnings',
    renderChangeForm(form, {
      inputs: {},
      timeZone: 'UTC',
      submit: { verb: 'submit_change', data: { tz: 'UTC' } },
      advice: { ...advice, warnings: Array.from({ length: 200 }, () => `Overlaps ${LONG.slice(0, 300)}`) },
    }),
  ]);
  cards.push([
    'empty change form',
    renderChangeForm(buildChangeForm({ ...policy, freezes: [] }), {
      inputs: {},
      timeZone: 'UTC',
      submit: { verb: 'submit_change', data: { tz: 'UTC' } },
    }),
  ]);
  const calendar = buildCalendar({
    policy,
    items: [],
    from: NOW,
    days: 30,
    timeZone: 'Europe/Berlin',
    page: 2,
    pageSize: 5,
    stateLabel: (i) => i.state,
    serviceName: (id) => id,
  });
  cards.push(['calendar', renderCalendarCard({ view: calendar, incomplete: true })]);
  const crowd = Array.from({ length: 200 }, (_, i) => ({
    kind: 'change' as const,
    id: i + 1,
    key: `CHG-${i + 1}`,
    title: LONG.slice(0, 150),
    services: ['wiki'],
    window: { start: new Date(NOW.getTime() + 3_600_000), end: new Date(NOW.getTime() + 7_200_000) },
    state: 'authorise',
    details: ['Normal change', 'Low risk'],
  }));
  const crowded = buildCalendar({
    policy,
    items: crowd,
    from: NOW,
    days: 7,
    timeZone: 'UTC',
    page: 1,
    pageSize: 25,
    stateLabel: () => 'Awaiting approval',
    serviceName: (id) => id,
  });
  cards.push(['crowded calendar', renderCalendarCard({ view: crowded, incomplete: false })]);
  cards.push([
    'help',
    renderHelpCard({ channelId: '19:x@thread.tacv2', channelName: 'CAB', unknown: 'deploy' }),
  ]);
  cards.push(['list', renderListCard({ mine: [change()], awaitingMe: [change()], soon: [change()] })]);
  cards.push([
    'notice',
    renderNoticeCard({ changeId: 12, headline: 'Bob asks', body: 'Tested?', questionId: 4 }),
  ]);
  cards.push(['message', renderMessageCard('Done.', 'good')]);
  return cards;
}

describe('every Teams card, checked by Microsoft’s adaptivecards library and the official schema', () => {
  it.each(everyCard())('%s', (_name, card) => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    // And Teams' own rules (size under 28 KB, references only, unique ids).
    expect(cardProblems(card)).toEqual([]);
  });
});
