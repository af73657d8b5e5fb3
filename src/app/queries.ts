import type { Page, PageRequest } from '../db/lists-repo.ts';
import { eligibleMembers, memberMatches } from '../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord } from '../domain/change/change.ts';
import type { ChangeState } from '../domain/change/types.ts';
import type { MemberRef } from '../domain/policy/types.ts';
import { buildChangeCard, type CardAudience, type ChangeCardView } from '../domain/views/change-card.ts';
import { CARD_DEPLOYMENTS, cardDeployment } from '../domain/views/deployment-lines.ts';
import { delegatedVoters, withDelegates } from './approval/delegation.ts';
import { cardDiffSinceVotes } from './approval/edit-diff.ts';
import { cardObjectionWindow } from './approval/objection-window.ts';
import { approvalState, boardOf } from './approval-state.ts';
import type { AppContext } from './context.ts';
import { releaseLabelOf } from './release/release-label.ts';
import { cardSchedule } from './schedule/card-schedule.ts';

const OPEN_STATES: readonly ChangeState[] = [
  'new',
  'assess',
  'authorise',
  'scheduled',
  'implement',
  'review',
];

/** Renders the neutral card of a change for one audience, from what is stored now. */
export function changeCard(ctx: AppContext, changeId: number, audience: CardAudience): ChangeCardView | null {
  const change = ctx.repos.changes.get(changeId);
  if (!change) return null;
  const requester = ctx.repos.people.get(change.requesterId);
  if (!requester) return null;
  const votes = ctx.repos.changes.listVotes(change.id);
  const state = approvalState(ctx.policy, change, requester, votes);
  const services = change.services.map((id) => ctx.policy.services.find((s) => s.id === id)?.name ?? id);
  return buildChangeCard({
    change,
    audience,
    requesterName: requester.name,
    serviceNames: services,
    boardName: state.board?.name ?? null,
    modelName: ctx.policy.models.find((m) => m.id === change.modelId)?.name ?? null,
    votes: withDelegates(ctx, change.id, votes),
    questions: ctx.repos.changes.listQuestions(change.id),
    tally: state.cardTally,
    deployments: ctx.repos.deployments.listForChange(change.id, CARD_DEPLOYMENTS).map(cardDeployment),
    release: releaseLabelOf(ctx, change.id),
    sinceVotes: cardDiffSinceVotes(ctx, change, votes),
    objectionWindow: cardObjectionWindow(ctx, change),
    schedule: cardSchedule(ctx, change),
  });
}

/** How many items a list returns when no page is asked for (App Home and the lists show fewer). */
export const LIST_MAX = 100;

const firstPage = (limit = LIST_MAX): PageRequest => ({ offset: 0, limit });

/** The person's own changes that are not finished yet, earliest window first (one bounded page). */
export function pageMyOpenChanges(
  ctx: AppContext,
  person: PersonRecord,
  page: PageRequest = firstPage(),
): Page<ChangeRecord> {
  return ctx.repos.lists.byRequester(person.id, OPEN_STATES, page);
}

/** The person's own changes that are not finished yet (the first LIST_MAX). */
export function listMyOpenChanges(ctx: AppContext, person: PersonRecord): ChangeRecord[] {
  return [...pageMyOpenChanges(ctx, person).items];
}

/** The boards whose CAB this person sits on (policy-sized work, no database read). */
function boardsOfMember(ctx: AppContext, person: PersonRecord): string[] {
  return ctx.policy.boards.filter((b) => b.members.some((m) => memberMatches(m, person))).map((b) => b.id);
}

/**
 * Changes awaiting a vote this person may still cast (member of the board, not the requester, not yet voted
 * on the current version), earliest window first: one indexed query for the page and one capped count,
 * whatever the number of open or closed changes.
 */
export function pageAwaitingMyVote(
  ctx: AppContext,
  person: PersonRecord,
  page: PageRequest = firstPage(),
): Page<ChangeRecord> {
  const boards = boardsOfMember(ctx, person);
  // A delegate also sees what awaits the votes they cast for people who are away: one query over them all.
  const delegated = delegatedVoters(ctx, person);
  if (delegated.length === 0) return ctx.repos.lists.awaitingVote(person, boards, page);
  const voters = [
    { id: person.id, boards, via: [] },
    ...delegated.map((d) => ({ id: d.person.id, boards: boardsOfMember(ctx, d.person), via: d.via })),
  ];
  return ctx.repos.lists.awaitingVoteOfAny(person.id, voters, page);
}

/** Changes awaiting a vote this person may still cast, for themselves or a delegator (the first LIST_MAX). */
export function listAwaitingMyVote(ctx: AppContext, person: PersonRecord): ChangeRecord[] {
  return [...pageAwaitingMyVote(ctx, person).items];
}

/** Changes whose window starts within the next `days` days (the change schedule), one bounded page. */
export function pageScheduledSoon(
  ctx: AppContext,
  days: number,
  page: PageRequest = firstPage(),
): Page<ChangeRecord> {
  const now = ctx.clock();
  const until = new Date(now.getTime() + days * 86_400_000);
  return ctx.repos.lists.startingBetween(now, until, ['authorise', 'scheduled', 'implement'], page);
}

/** Changes whose window starts within the next `days` days (the first LIST_MAX). */
export function listScheduledSoon(ctx: AppContext, days: number): ChangeRecord[] {
  return [...pageScheduledSoon(ctx, days).items];
}

/** Known people among the board's eligible members (requester excluded), each once, read in one query. */
function eligiblePeople(
  ctx: AppContext,
  change: ChangeRecord,
  only: (m: MemberRef) => boolean,
): PersonRecord[] {
  const board = boardOf(ctx.policy, change);
  const requester = ctx.repos.people.get(change.requesterId);
  if (!board || !requester) return [];
  const members = eligibleMembers(board, requester).filter(only);
  const known = ctx.repos.lists.peopleByIdentities({
    slack: members.flatMap((m) => (m.slack ? [m.slack] : [])),
    teams: members.flatMap((m) => (m.teams ? [m.teams] : [])),
    emails: members.flatMap((m) => (m.email ? [m.email.toLowerCase()] : [])),
  });
  const bySlack = new Map(known.flatMap((p) => (p.slackUserId ? [[p.slackUserId, p] as const] : [])));
  const byTeams = new Map(known.flatMap((p) => (p.teamsUserId ? [[p.teamsUserId, p] as const] : [])));
  const byEmail = new Map(known.flatMap((p) => (p.email ? [[p.email.toLowerCase(), p] as const] : [])));
  const people: PersonRecord[] = [];
  const seen = new Set<number>();
  for (const member of members) {
    // The same precedence as a single lookup would take: Slack id, then Teams id, then email.
    const person =
      (member.slack && bySlack.get(member.slack)) ||
      (member.teams && byTeams.get(member.teams)) ||
      (member.email && byEmail.get(member.email.toLowerCase())) ||
      null;
    if (person && !seen.has(person.id)) {
      seen.add(person.id);
      people.push(person);
    }
  }
  return people;
}

/** People on the board who have not voted on the current version yet (for reminders). */
export function approversYetToVote(ctx: AppContext, change: ChangeRecord): PersonRecord[] {
  const voted = new Set(
    ctx.repos.changes
      .listVotes(change.id)
      .filter((v) => v.version === change.version)
      .map((v) => v.personId),
  );
  return eligiblePeople(ctx, change, () => true).filter((p) => !voted.has(p.id));
}

/** The board's change managers (final say), to whom an undecided change is escalated. */
export function changeManagersOf(ctx: AppContext, change: ChangeRecord): PersonRecord[] {
  return eligiblePeople(ctx, change, (m) => m.finalSay === true);
}

export { approvalState };
