import { expect } from 'vitest';
import { cardProblems, cardsIn } from './card-structure.ts';
import {
  type Activity,
  CAB_CHANNEL,
  type CardLocation,
  executeAction,
  installedInTeam,
  personalChatOf,
  personalMessage,
  type TeamsTestApp,
  type TeamsUser,
  USERS,
} from './teams-harness.ts';

/** A complete, valid form submission: a medium-risk normal change on the wiki (2 of M approvals, no veto). */
export const VALID_FORM = {
  title: 'Upgrade the wiki to 2.4',
  type: 'normal',
  services: 'wiki',
  plannedStartDate: '2026-03-06',
  plannedStartTime: '10:00',
  plannedEndDate: '2026-03-06',
  plannedEndTime: '12:00',
  description: 'Move the wiki from 2.3 to 2.4 for the new editor.',
  justification: 'Editors lose work with the old editor.',
  impact: 'degraded',
  complexity: 'moderate',
  tested: 'partially',
  backout: 'hard',
  failedBefore: 'no',
  implementationPlan: 'Run the upgrade playbook.',
  backoutPlan: 'Restore the snapshot taken before.',
  testPlan: '',
} as const;

/** Every card the app sent or updated so far passes the structural checks (Adaptive Cards 1.5, Teams' rules). */
export function expectValidCards(t: TeamsTestApp): void {
  for (const call of t.connector.calls) {
    const activity = call.kind === 'createConversation' ? call.body?.activity : call.body;
    for (const card of cardsIn(activity)) expect(cardProblems(card), call.path).toEqual([]);
  }
}

/** The Adaptive Card in an invoke's answer, checked for structure. */
// biome-ignore lint/suspicious/noExplicitAny: invoke bodies are JSON
export function invokeCard(body: Activity | null): any {
  expect(body?.type).toBe('application/vnd.microsoft.card.adaptive');
  expect(cardProblems(body?.value)).toEqual([]);
  return body?.value;
}

/**
 * The line an invoke answers a click that worked with: the vote is committed and the stored copies are
 * refreshed by the job it enqueued, so nothing is rendered before the answer (issue 7).
 */
export function invokeMessage(body: Activity | null): string {
  expect(body?.type).toBe('application/vnd.microsoft.activity.message');
  expect(typeof body?.value).toBe('string');
  return body?.value as string;
}

/** "new" in the requester's personal chat; returns where the form card was posted. */
export async function openForm(t: TeamsTestApp, requester: TeamsUser = USERS.rita): Promise<CardLocation> {
  const res = await t.post(personalMessage(t.connector, requester, 'new'));
  expect(res.status).toBe(200);
  const form = t.connector.messagesTo(personalChatOf(requester)).at(-1);
  expect(form?.answeredId).toBeTruthy();
  return { conversationId: personalChatOf(requester), messageId: form!.answeredId! };
}

export interface RaisedInTeams {
  readonly changeId: number;
  /** The requester's copy (the form card, replaced by the change card). */
  readonly requesterCard: CardLocation;
  /** The approval card in the CAB channel: a new thread. */
  readonly cabCard: CardLocation;
}

/**
 * The path every Teams test starts from: the app is installed in the CAB team, the requester types "new",
 * submits the form, and the post job puts the card in the CAB channel.
 */
export async function raiseInTeams(
  t: TeamsTestApp,
  opts: { requester?: TeamsUser; form?: Record<string, string> } = {},
): Promise<RaisedInTeams> {
  expect((await t.post(installedInTeam(t.connector))).status).toBe(200);
  const requester = opts.requester ?? USERS.rita;
  const requesterCard = await openForm(t, requester);
  const res = await t.post(
    executeAction(t.connector, requester, requesterCard, 'submit_change', {
      tz: 'Europe/Berlin',
      ...(opts.form ?? VALID_FORM),
    }),
  );
  expect(res.status).toBe(200);
  invokeCard(res.body);
  const changeId = t.app.ctx.repos.changes.listByRequester(
    t.app.ctx.repos.people.findByIdentity({
      platform: 'teams',
      teamsUserId: requester.aadObjectId,
      name: '',
    })!.id,
    ['authorise', 'scheduled'],
  )[0]!.id;
  await t.app.worker.drain();
  const thread = t.connector
    .callsOf('createConversation')
    .find((c) => c.body?.channelData?.channel?.id === CAB_CHANNEL);
  expect(thread).toBeDefined();
  const messageId = thread!.answeredId!.split(';messageid=')[1]!;
  return {
    changeId,
    requesterCard,
    cabCard: { conversationId: thread!.answeredId!, messageId, channelId: CAB_CHANNEL },
  };
}

/** A vote click on the CAB card. */
export function vote(
  t: TeamsTestApp,
  who: TeamsUser,
  where: CardLocation,
  verb: 'approve' | 'reject' | 'request_info' | 'refresh',
  data: Record<string, unknown>,
  opts: { trigger?: 'manual' | 'automatic'; id?: string } = {},
) {
  return t.post(executeAction(t.connector, who, where, verb, data, opts));
}

/** The window of VALID_FORM has opened (it runs 10:00–12:00 Europe/Berlin on 6 March 2026). */
export const IN_THE_WINDOW = new Date('2026-03-06T09:05:00Z');

/**
 * From a raised change to one waiting for its post-implementation review: Bob and Carol approve on the CAB
 * card, and Ivan (an implementer) starts it in its window and completes it with issues.
 */
export async function completeInTeams(t: TeamsTestApp, raised: RaisedInTeams): Promise<void> {
  const { changeId, cabCard } = raised;
  for (const approver of [USERS.bob, USERS.carol]) {
    invokeMessage((await vote(t, approver, cabCard, 'approve', { changeId, version: 1 })).body);
  }
  t.clock.set(IN_THE_WINDOW);
  invokeMessage((await t.post(executeAction(t.connector, USERS.ivan, cabCard, 'start', { changeId }))).body);
  const done = await t.post(
    executeAction(t.connector, USERS.ivan, cabCard, 'complete', {
      changeId,
      version: 1,
      outcome: 'successful_with_issues',
      incidentsCaused: '0',
      outcomeNote: 'The search index was rebuilt by hand.',
    }),
  );
  invokeMessage(done.body);
  expect(t.app.ctx.repos.changes.get(changeId)?.state).toBe('review');
}
