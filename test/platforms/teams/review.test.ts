import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../../src/db/audit.ts';
import { cardsIn, cardText, inputsOf, verbsOf } from './card-structure.ts';
import {
  completeInTeams,
  expectValidCards,
  IN_THE_WINDOW,
  invokeCard,
  invokeMessage,
  type RaisedInTeams,
  raiseInTeams,
} from './flows.ts';
import {
  type Activity,
  CAB_CHANNEL,
  executeAction,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  type TeamsUser,
  USERS,
} from './teams-harness.ts';

let t: TeamsTestApp;
let raised: RaisedInTeams;

beforeEach(async () => {
  t = await startTeamsTestApp();
  raised = await raiseInTeams(t);
});

afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

const REVIEW = {
  reviewMetGoal: 'no',
  reviewSummary: 'The upgrade went in, but search was down for 20 minutes.',
  reviewLessons: 'Rebuild the search index before switching over.',
};

/** A click on "Record review and close" on the CAB card, with what was filled in. */
function review(who: TeamsUser, inputs: Record<string, string>) {
  return t.post(
    executeAction(t.connector, who, raised.cabCard, 'review', {
      changeId: raised.changeId,
      version: 1,
      ...inputs,
    }),
  );
}

/** What a refused review must leave untouched: the change and its audit trail. */
function snapshot() {
  return {
    change: t.app.ctx.repos.changes.get(raised.changeId),
    audit: listAudit(t.app.database.db, raised.changeId).length,
  };
}

/** The sub-card of the "Record review" form on a change card. */
// biome-ignore lint/suspicious/noExplicitAny: cards are JSON
function reviewForm(card: any) {
  return card.actions.find((a: Activity) => a.title === 'Record review')?.card;
}

const personId = (u: TeamsUser) =>
  t.app.ctx.repos.people.findByIdentity({ platform: 'teams', teamsUserId: u.aadObjectId, name: '' })!.id;

describe('the post-implementation review in Teams', () => {
  it('offers "Record review" on every copy of a completed change: met its goal (yes/no), a required summary, optional lessons', async () => {
    await completeInTeams(t, raised);
    t.connector.clear();
    await t.app.worker.drain();
    const updates = t.connector.callsOf('update');
    expect(updates.map((u) => u.conversationId).sort()).toEqual(
      [`${CAB_CHANNEL};messageid=${raised.cabCard.messageId}`, raised.requesterCard.conversationId].sort(),
    );
    for (const update of updates) {
      const card = cardsIn(update.body)[0];
      expect(cardText(card)).toContain('In review');
      expect(verbsOf(card)).toEqual(['review']);
      const form = reviewForm(card);
      expect(form.body.map((e: Activity) => [e.type, e.id, e.isRequired ?? false])).toEqual([
        ['Input.ChoiceSet', 'reviewMetGoal', true],
        ['Input.Text', 'reviewSummary', true],
        ['Input.Text', 'reviewLessons', false],
      ]);
      expect(form.body[0].choices.map((c: Activity) => c.value)).toEqual(['yes', 'no']);
      expect(form.actions).toEqual([
        {
          type: 'Action.Execute',
          title: `Record review and close CHG-${raised.changeId}`,
          verb: 'review',
          data: { changeId: raised.changeId, version: 1 },
        },
      ]);
    }
  });

  it('shows the error next to a blank summary, keeps what was typed, and changes nothing', async () => {
    await completeInTeams(t, raised);
    await t.app.worker.drain();
    t.connector.clear();
    const before = snapshot();

    const res = await review(USERS.ivan, { ...REVIEW, reviewSummary: '   ' });
    expect(res.status).toBe(200);
    const card = invokeCard(res.body);
    expect(cardText(card)).toContain('Summarise how the change went.');
    const form = reviewForm(card);
    expect(form.body.map((e: Activity) => e.id ?? e.text)).toEqual([
      'reviewMetGoal',
      'reviewSummary',
      'Summarise how the change went.',
      'reviewLessons',
    ]);
    expect(inputsOf(card).get('reviewMetGoal')?.value).toBe('no');
    expect(inputsOf(card).get('reviewLessons')?.value).toBe(REVIEW.reviewLessons);

    expect(snapshot()).toEqual(before);
    expect(t.app.ctx.repos.changes.get(raised.changeId)?.review).toBeNull();
    await t.app.worker.drain();
    expect(t.connector.callsOf('update')).toEqual([]);
  });

  it('asks next to the choice whether the change met its goal when the answer is neither yes nor no', async () => {
    await completeInTeams(t, raised);
    const before = snapshot();
    const card = invokeCard((await review(USERS.ivan, { ...REVIEW, reviewMetGoal: 'maybe' })).body);
    expect(reviewForm(card).body.map((e: Activity) => e.id ?? e.text)).toEqual([
      'reviewMetGoal',
      'Say whether the change met its goal.',
      'reviewSummary',
      'reviewLessons',
    ]);
    expect(inputsOf(card).get('reviewSummary')?.value).toBe(REVIEW.reviewSummary);
    expect(snapshot()).toEqual(before);
  });

  it('records the review from the card: the answer says so, the review is stored and audited, every copy is updated', async () => {
    await completeInTeams(t, raised);
    await t.app.worker.drain();
    t.connector.clear();
    const reviewedAt = new Date(IN_THE_WINDOW.getTime() + 3_600_000);
    t.clock.set(reviewedAt);

    const res = await review(USERS.ivan, REVIEW);
    expect(res.status).toBe(200);
    expect(invokeMessage(res.body)).toBe(`CHG-${raised.changeId} was reviewed and closed.`);

    const change = t.app.ctx.repos.changes.get(raised.changeId)!;
    expect(change.state).toBe('closed');
    expect(change.review).toEqual({
      metGoal: false,
      summary: REVIEW.reviewSummary,
      lessons: REVIEW.reviewLessons,
      reviewerId: personId(USERS.ivan),
      at: reviewedAt.toISOString(),
    });
    const audit = listAudit(t.app.database.db, raised.changeId).at(-1)!;
    expect([audit.action, audit.actorName, audit.platform, audit.data.from, audit.data.to]).toEqual([
      'change.review',
      'Ivan',
      'teams',
      'review',
      'closed',
    ]);

    await t.app.worker.drain();
    const updates = t.connector.callsOf('update');
    expect(updates.map((u) => [u.conversationId, u.activityId]).sort()).toEqual(
      [
        [`${CAB_CHANNEL};messageid=${raised.cabCard.messageId}`, raised.cabCard.messageId],
        [raised.requesterCard.conversationId, raised.requesterCard.messageId],
      ].sort(),
    );
    for (const update of updates) {
      const copy = cardsIn(update.body)[0];
      expect(cardText(copy)).toContain('**Closed**');
      expect(cardText(copy)).toContain('**Review:** did not meet its goal');
      expect(cardText(copy)).toContain(REVIEW.reviewSummary);
      expect(verbsOf(copy)).toEqual([]);
    }
    expect(t.connector.messagesTo(raised.cabCard.conversationId).map((m) => m.body.text)).toEqual([
      `CHG-${raised.changeId} was reviewed and closed by Ivan.`,
    ]);
  });

  it('refuses the review from someone who is neither requester nor implementer, and changes nothing', async () => {
    await completeInTeams(t, raised);
    await t.app.worker.drain();
    t.connector.clear();
    const before = snapshot();

    const card = invokeCard((await review(USERS.olga, REVIEW)).body);
    expect(cardText(card)).toContain(
      `Only its requester or an implementer can do that to CHG-${raised.changeId}.`,
    );
    // The form is still there, with what Olga typed.
    expect(inputsOf(card).get('reviewSummary')?.value).toBe(REVIEW.reviewSummary);

    expect(snapshot()).toEqual(before);
    await t.app.worker.drain();
    expect(t.connector.callsOf('update')).toEqual([]);
    expect(t.connector.callsOf('reply')).toEqual([]);
  });

  it('refuses a review of a change that is not in review, naming its state', async () => {
    const before = snapshot();
    const card = invokeCard((await review(USERS.rita, REVIEW)).body);
    expect(cardText(card)).toContain("Cannot record the review of a change in state 'Awaiting approval'");
    expect(snapshot()).toEqual(before);
  });
});

describe('the "review" command in Teams', () => {
  const lastReply = (u: TeamsUser) => t.connector.messagesTo(personalChatOf(u)).at(-1)!;

  it('answers "review CHG-n" for a change in review with its card and the review form', async () => {
    await completeInTeams(t, raised);
    await t.post(personalMessage(t.connector, USERS.rita, `review CHG-${raised.changeId}`));
    const card = cardsIn(lastReply(USERS.rita).body)[0];
    expect(cardText(card)).toContain('Use "Record review" below to record the review.');
    expect(verbsOf(card)).toEqual(['review']);
  });

  it('answers "review CHG-n" for a change not in review with a message naming its state', async () => {
    await t.post(personalMessage(t.connector, USERS.rita, `review CHG-${raised.changeId}`));
    expect(lastReply(USERS.rita).body.text).toBe(
      `CHG-${raised.changeId} is Awaiting approval, not In review: only a completed change waits for its review.`,
    );

    await completeInTeams(t, raised);
    invokeMessage((await review(USERS.rita, REVIEW)).body);
    await t.post(personalMessage(t.connector, USERS.rita, `review CHG-${raised.changeId}`));
    expect(lastReply(USERS.rita).body.text).toBe(
      `CHG-${raised.changeId} is Closed, not In review: only a completed change waits for its review.`,
    );
  });

  it('answers "review" for a change that does not exist, or without one, with what to type', async () => {
    await t.post(personalMessage(t.connector, USERS.rita, 'review CHG-999'));
    expect(lastReply(USERS.rita).body.text).toBe('CHG-999 does not exist.');
    await t.post(personalMessage(t.connector, USERS.rita, 'review'));
    expect(lastReply(USERS.rita).body.text).toBe('Which change? Type "review CHG-12".');
  });
});
