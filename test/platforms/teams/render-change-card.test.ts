import { describe, expect, it } from 'vitest';
import type { QuestionRecord } from '../../../src/domain/change/change.ts';
import { renderChangeCard } from '../../../src/platforms/teams/render/change-card.ts';
import { localDateTime } from '../../../src/platforms/teams/render/text.ts';
import { hoursAfter, NOW } from '../../domain/fixtures.ts';
import { cardProblems, cardText, inputsOf, verbsOf } from './card-structure.ts';
import { change, LONG, view, voteBy } from './change-fixture.ts';

describe('the Teams change card', () => {
  it('shows the vote buttons only in the view of someone who may vote', () => {
    const v = view(change());
    expect(verbsOf(renderChangeCard(v, { votes: 'buttons' }))).toEqual(['approve', 'reject', 'request_info']);
    expect(verbsOf(renderChangeCard(v, { votes: 'pull' }))).toEqual(['refresh']);
    expect(verbsOf(renderChangeCard(v, { votes: 'none' }))).toEqual([]);
  });

  it('asks for the rejection reason and the question in required text boxes under their buttons', () => {
    const card = renderChangeCard(view(change()), {
      votes: 'buttons',
      errors: { rejectReason: 'Give a reason for rejecting this change.' },
    });
    const reject = card.actions?.find((a) => a.title === 'Reject');
    expect(reject).toMatchObject({ type: 'Action.ShowCard' });
    const sub = reject?.type === 'Action.ShowCard' ? reject.card : null;
    expect(sub?.body).toEqual([
      expect.objectContaining({ type: 'Input.Text', id: 'rejectReason', isRequired: true, maxLength: 3000 }),
      {
        type: 'TextBlock',
        text: 'Give a reason for rejecting this change.',
        wrap: true,
        color: 'attention',
        size: 'small',
        spacing: 'none',
      },
    ]);
    expect(sub?.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Reject CHG-12',
        verb: 'reject',
        style: 'destructive',
        data: { changeId: 12, version: 2 },
      },
    ]);
  });

  it('carries only the change id and version in its buttons', () => {
    const card = renderChangeCard(view(change()), { votes: 'buttons' });
    expect(card.actions?.[0]).toEqual({
      type: 'Action.Execute',
      title: 'Approve',
      verb: 'approve',
      style: 'positive',
      data: { changeId: 12, version: 2 },
      associatedInputs: 'none',
    });
  });

  it('keeps refresh.userIds to the 60 users Teams allows', () => {
    const users = Array.from({ length: 75 }, (_, i) => `29:user-${i}`);
    const card = renderChangeCard(view(change()), { votes: 'pull', refreshUserIds: users });
    expect(card.refresh?.userIds).toEqual(users.slice(0, 60));
    expect(card.refresh?.action).toEqual({
      type: 'Action.Execute',
      title: 'Refresh',
      verb: 'refresh',
      data: { changeId: 12, version: 2 },
    });
  });

  it('is final once decided: no refresh, no vote buttons, the decision and its reason shown', () => {
    const rejected = change({ state: 'rejected', decidedAt: hoursAfter(NOW, 1) });
    const card = renderChangeCard(view(rejected, 'cab', [voteBy(2, 'Bob', 'reject', 'Not at month-end.')]), {
      votes: 'buttons',
      refreshUserIds: ['29:carol'],
    });
    expect(card.refresh).toBeUndefined();
    expect(verbsOf(card)).toEqual([]);
    expect(cardText(card)).toContain('Rejected on');
    expect(cardText(card)).toContain('Not at month-end.');
  });

  it('puts what people typed in TextRuns, where Teams does not read Markdown', () => {
    const card = renderChangeCard(view(change({ title: '**Free** [prizes](https://evil.example)' })), {
      votes: 'none',
    });
    const header = card.body.find((e) => e.type === 'Container');
    expect(header?.type === 'Container' && header.items[1]).toEqual({
      type: 'RichTextBlock',
      inlines: [
        {
          type: 'TextRun',
          text: '**Free** [prizes](https://evil.example)',
          weight: 'bolder',
          size: 'medium',
        },
      ],
      spacing: 'none',
    });
  });

  it('shows dates in each reader’s own time zone', () => {
    expect(localDateTime(new Date('2026-03-06T09:00:00.000Z'))).toBe(
      '{{DATE(2026-03-06T09:00:00Z, SHORT)}} {{TIME(2026-03-06T09:00:00Z)}}',
    );
  });

  it('stays a valid, small enough card with every text at its longest, for every audience and state', () => {
    const questions: QuestionRecord[] = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      version: 2,
      askerId: 2,
      askerName: 'Bob',
      question: LONG,
      askedAt: NOW,
      answer: i % 2 ? null : LONG,
      answeredByName: null,
      answeredAt: null,
    }));
    const votes = [voteBy(2, 'Bob', 'approve', LONG), voteBy(3, 'Carol', 'reject', LONG)];
    for (const audience of ['cab', 'requester', 'announce'] as const) {
      for (const state of ['authorise', 'scheduled', 'implement', 'review', 'closed', 'rejected'] as const) {
        const c = change({
          state,
          title: 'T'.repeat(150),
          description: LONG,
          justification: LONG,
          implementationPlan: LONG,
          backoutPlan: LONG,
          testPlan: LONG,
          decidedAt: state === 'authorise' ? null : NOW,
        });
        for (const votesMode of ['buttons', 'pull', 'none'] as const) {
          const card = renderChangeCard(view(c, audience, votes, questions), {
            votes: votesMode,
            refreshUserIds: Array.from({ length: 60 }, (_, i) => `29:${'u'.repeat(40)}${i}`),
            notice: { text: LONG, tone: 'attention' },
            values: { reviewSummary: LONG, reviewLessons: LONG },
          });
          expect(cardProblems(card), `${audience}/${state}/${votesMode}`).toEqual([]);
        }
      }
    }
  });

  it('offers the requester answer boxes for open questions and a cancel with an optional reason', () => {
    const q: QuestionRecord = {
      id: 5,
      version: 2,
      askerId: 2,
      askerName: 'Bob',
      question: 'Tested?',
      askedAt: NOW,
      answer: null,
      answeredByName: null,
      answeredAt: null,
    };
    const card = renderChangeCard(view(change(), 'requester', [], [q]), { votes: 'none' });
    expect(verbsOf(card)).toEqual(['answer', 'cancel']);
    expect(inputsOf(card).get('answer-5')).toMatchObject({ isRequired: true });
    expect(inputsOf(card).get('cancelReason')?.isRequired).toBeUndefined();
  });

  it('offers the review form on a change in review, and shows a refused review with what was typed', () => {
    const inReview = change({ state: 'review', outcome: 'failed', decidedAt: NOW });
    expect(verbsOf(renderChangeCard(view(inReview, 'cab'), { votes: 'none' }))).toEqual(['review']);
    expect(verbsOf(renderChangeCard(view(change({ state: 'closed' })), { votes: 'none' }))).toEqual([]);

    const card = renderChangeCard(view(inReview, 'requester'), {
      votes: 'none',
      errors: { reviewSummary: 'Summarise how the change went.' },
      values: { reviewMetGoal: 'yes', reviewSummary: ' ', reviewLessons: `${LONG}more` },
    });
    expect(cardProblems(card)).toEqual([]);
    const inputs = inputsOf(card);
    expect(inputs.get('reviewMetGoal')).toMatchObject({ style: 'expanded', isRequired: true, value: 'yes' });
    expect(inputs.get('reviewSummary')).toMatchObject({ isRequired: true, value: ' ' });
    // No more than the box takes, even from a client that ignores maxLength.
    expect(inputs.get('reviewLessons')?.value).toHaveLength(3000);
    expect(cardText(card)).toContain('Summarise how the change went.');

    // Only "yes" or "no" is put back in the choice; anything else leaves it unanswered.
    const forged = renderChangeCard(view(inReview), { votes: 'none', values: { reviewMetGoal: 'maybe' } });
    expect(inputsOf(forged).get('reviewMetGoal')?.value).toBeUndefined();
  });
});
