import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardsIn, cardText, inputsOf, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, invokeMessage, raiseInTeams, VALID_FORM, vote } from './flows.ts';
import {
  CAB_CHANNEL,
  executeAction,
  installedInTeam,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

let t: TeamsTestApp;

beforeEach(async () => {
  t = await startTeamsTestApp();
});

afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('the approval card in Teams', () => {
  it('posts the card to the Teams CAB channel as a new thread and keeps the form as the requester’s live copy', async () => {
    const { changeId, requesterCard } = await raiseInTeams(t);
    const thread = t.connector
      .callsOf('createConversation')
      .find((c) => c.body.channelData?.channel?.id === CAB_CHANNEL)!;
    expect(thread.body.tenantId).toBe('tenant-1');
    const card = cardsIn(thread.body.activity)[0];
    expect(cardText(card)).toContain('Upgrade the wiki to 2.4');
    expect(cardText(card)).toContain('Approvals:** 0 of 2');
    // The shared copy: no vote buttons for everyone, a "Vote" to pull one's own view.
    expect(verbsOf(card)).toEqual(['refresh']);
    // The requester was not sent a second copy: the form they filled in became it.
    expect(t.connector.messagesTo(personalChatOf(USERS.rita))).toHaveLength(1);
    expect(t.app.ctx.repos.cardPosts.list(changeId).map((p) => [p.kind, p.channel, p.messageId])).toEqual([
      ['requester', requesterCard.conversationId, requesterCard.messageId],
      ['cab', CAB_CHANNEL, expect.stringMatching(/^\d+$/)],
    ]);
  });

  it('answers an Approve click with a line saying what it did, then updates every stored copy in place', async () => {
    const { changeId, cabCard, requesterCard } = await raiseInTeams(t);
    t.connector.clear();
    const res = await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    expect(res.status).toBe(200);
    // The answer renders nothing: the clicked copy is one of the stored copies the refresh job updates.
    expect(invokeMessage(res.body)).toBe(`You approved CHG-${changeId}.`);
    expect(t.connector.callsOf('update')).toEqual([]);

    await t.app.worker.drain();
    const updates = t.connector.callsOf('update');
    // The channel copy is addressed through its thread, with the root message's own id (not the thread id).
    expect(updates.map((u) => [u.conversationId, u.activityId]).sort()).toEqual(
      [
        [`${CAB_CHANNEL};messageid=${cabCard.messageId}`, cabCard.messageId],
        [requesterCard.conversationId, requesterCard.messageId],
      ].sort(),
    );
    for (const update of updates) expect(cardText(cardsIn(update.body)[0])).toContain('Approvals:** 1 of 2');
    // Bob's own view, when his client asks for it, has no vote buttons and says how he voted.
    const own = invokeCard((await vote(t, USERS.bob, cabCard, 'refresh', { changeId, version: 1 })).body);
    expect(verbsOf(own)).not.toContain('approve');
    expect(cardText(own)).toContain(`You already approved CHG-${changeId}`);
  });

  it('approves at the second vote, makes every copy final and tells the requester by direct message', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await t.app.worker.drain();
    t.connector.clear();

    const res = await vote(t, USERS.carol, cabCard, 'approve', { changeId, version: 1 });
    expect(invokeMessage(res.body)).toBe(`You approved CHG-${changeId}. CHG-${changeId} is now approved.`);
    expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('scheduled');

    await t.app.worker.drain();
    for (const update of t.connector.callsOf('update')) {
      const card = cardsIn(update.body)[0];
      expect(card.refresh).toBeUndefined();
      expect(
        verbsOf(card).filter((v) => ['approve', 'reject', 'request_info', 'refresh'].includes(v)),
      ).toEqual([]);
      expect(cardText(card)).toContain('Approved');
    }
    const dm = t.connector.messagesTo(personalChatOf(USERS.rita));
    expect(dm.map((m) => cardText(cardsIn(m.body)[0]))).toEqual([
      `CHG-${changeId} was approved and is scheduled.`,
    ]);
    const threadReplies = t.connector.messagesTo(cabCard.conversationId);
    expect(threadReplies.map((m) => m.body.text)).toEqual([`CHG-${changeId} was approved and is scheduled.`]);
  });

  it('rejects with the reason typed on the card, and asks for one next to the box when it is missing', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    const missing = invokeCard(
      (await vote(t, USERS.bob, cabCard, 'reject', { changeId, version: 1, rejectReason: ' ' })).body,
    );
    expect(cardText(missing)).toContain('Give a reason for rejecting this change.');
    const rejectForm = missing.actions.find((a: { title: string }) => a.title === 'Reject').card.body;
    expect(rejectForm.map((e: { type: string; id?: string; text?: string }) => e.id ?? e.text)).toEqual([
      'rejectReason',
      'Give a reason for rejecting this change.',
    ]);
    expect(t.app.ctx.repos.changes.listVotes(changeId)).toEqual([]);

    const res = await vote(t, USERS.bob, cabCard, 'reject', {
      changeId,
      version: 1,
      rejectReason: 'Not during *month-end*.',
    });
    expect(invokeMessage(res.body)).toContain(`You rejected CHG-${changeId}.`);
    expect(
      t.app.ctx.repos.changes.listVotes(changeId).map((v) => [v.personName, v.decision, v.reason]),
    ).toEqual([['Bob', 'reject', 'Not during *month-end*.']]);
  });

  it('sends a "Request info" question to the requester, who answers it from the direct message', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    await vote(t, USERS.carol, cabCard, 'request_info', {
      changeId,
      version: 1,
      infoQuestion: 'Which editor plugins break?',
    });
    t.connector.clear();
    await t.app.worker.drain();

    const dm = t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1)!;
    const notice = cardsIn(dm.body)[0];
    expect(cardText(notice)).toContain('Which editor plugins break?');
    expect(verbsOf(notice)).toEqual(['answer']);
    const answerData = notice.actions[0].card.actions[0].data;

    const res = await t.post(
      executeAction(
        t.connector,
        USERS.rita,
        { conversationId: personalChatOf(USERS.rita), messageId: dm.answeredId! },
        'answer',
        {
          ...answerData,
          answer: 'None; we tested all twelve.',
        },
      ),
    );
    expect(cardText(invokeCard(res.body))).toContain('Your answer was sent.');
    expect(t.app.ctx.repos.changes.listQuestions(changeId).map((q) => q.answer)).toEqual([
      'None; we tested all twelve.',
    ]);
  });

  it('lists approvers yet to vote in refresh.userIds and gives them their buttons when Teams refreshes the card', async () => {
    await t.post(installedInTeam(t.connector));
    // Bob and Carol have talked to the bot before, so their Teams ids are known.
    await t.post(personalMessage(t.connector, USERS.bob, 'list'));
    await t.post(personalMessage(t.connector, USERS.carol, 'list'));
    const { changeId, cabCard } = await raiseInTeams(t);
    const posted = cardsIn(t.connector.callsOf('createConversation').at(-1)!.body.activity)[0];
    expect([...posted.refresh.userIds].sort()).toEqual([USERS.bob.id, USERS.carol.id]);

    const refreshed = invokeCard(
      (await vote(t, USERS.carol, cabCard, 'refresh', { changeId, version: 1 }, { trigger: 'automatic' }))
        .body,
    );
    expect(verbsOf(refreshed)).toEqual(['approve', 'reject', 'request_info']);
    const outsider = invokeCard(
      (await vote(t, USERS.olga, cabCard, 'refresh', { changeId, version: 1 })).body,
    );
    expect(verbsOf(outsider)).toEqual([]);
    expect(cardText(outsider)).toContain(
      `Only members of Change Advisory Board can vote on CHG-${changeId}.`,
    );

    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    t.connector.clear();
    await t.app.worker.drain();
    const updated = cardsIn(
      t.connector.callsOf('update').find((u) => u.conversationId?.startsWith(CAB_CHANNEL))!.body,
    )[0];
    expect(updated.refresh.userIds).toEqual([USERS.carol.id]);
  });
});

describe('after the decision, in Teams', () => {
  it('runs the implementation from the card: an implementer starts it in its window and completes it with an outcome', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await vote(t, USERS.carol, cabCard, 'approve', { changeId, version: 1 });
    await t.app.worker.drain();
    const approved = cardsIn(t.connector.callsOf('update').at(-1)!.body)[0];
    expect(verbsOf(approved)).toEqual(['start']);

    const early = invokeCard(
      (await t.post(executeAction(t.connector, USERS.ivan, cabCard, 'start', { changeId, version: 1 }))).body,
    );
    expect(cardText(early)).toContain('Its window has not opened yet');
    t.clock.set(new Date('2026-03-06T09:05:00Z'));
    const started = await t.post(
      executeAction(t.connector, USERS.ivan, cabCard, 'start', { changeId, version: 1 }),
    );
    expect(invokeMessage(started.body)).toBe(`CHG-${changeId} is now being implemented.`);
    t.connector.clear();
    await t.app.worker.drain();
    expect(verbsOf(cardsIn(t.connector.callsOf('update').at(-1)!.body)[0])).toEqual(['complete']);

    const done = await t.post(
      executeAction(t.connector, USERS.ivan, cabCard, 'complete', {
        changeId,
        version: 1,
        outcome: 'successful_with_issues',
        incidentsCaused: '1',
        outcomeNote: 'Search index rebuilt by hand.',
      }),
    );
    expect(invokeMessage(done.body)).toBe(`CHG-${changeId} is complete.`);
    expect(t.app.ctx.repos.changes.get(changeId)).toMatchObject({
      state: 'review',
      outcome: 'successful_with_issues',
      incidentsCaused: 1,
      outcomeNote: 'Search index rebuilt by hand.',
    });
  });

  it('lets the requester edit a change with "edit": the form comes prefilled and earlier votes stop counting', async () => {
    const { changeId, cabCard } = await raiseInTeams(t);
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await t.post(personalMessage(t.connector, USERS.rita, `edit CHG-${changeId}`));
    const sent = t.connector.messagesTo(personalChatOf(USERS.rita)).at(-1)!;
    const form = cardsIn(sent.body)[0];
    expect(inputsOf(form).get('title')?.value).toBe(VALID_FORM.title);
    expect(inputsOf(form).get('plannedStartTime')?.value).toBe('10:00');
    const submit = form.actions[0];
    expect(submit).toMatchObject({
      verb: 'submit_edit',
      data: { changeId, version: 1, tz: 'Europe/Berlin' },
    });

    const res = await t.post(
      executeAction(
        t.connector,
        USERS.rita,
        { conversationId: personalChatOf(USERS.rita), messageId: sent.answeredId! },
        'submit_edit',
        {
          ...submit.data,
          ...VALID_FORM,
          plannedStartTime: '11:00',
        },
      ),
    );
    expect(cardText(invokeCard(res.body))).toContain(`CHG-${changeId} is now version 2.`);
    const change = t.app.ctx.repos.changes.get(changeId)!;
    expect([change.version, change.plannedStart.toISOString()]).toEqual([2, '2026-03-06T10:00:00.000Z']);
    await t.app.worker.drain();
    expect(cardText(cardsIn(t.connector.callsOf('update').at(-1)!.body)[0])).toContain('Approvals:** 0 of 2');
    // A vote from the old card no longer counts.
    const stale = invokeCard((await vote(t, USERS.carol, cabCard, 'approve', { changeId, version: 1 })).body);
    expect(cardText(stale)).toContain('the change was edited since (now version 2)');
  });
});
