import { eligibleMembers, memberMatches } from '../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord } from '../domain/change/change.ts';
import type { ChangeState } from '../domain/change/types.ts';
import type { MemberRef } from '../domain/policy/types.ts';
import { buildChangeCard, type CardAudience, type ChangeCardView } from '../domain/views/change-card.ts';
import { approvalState, boardOf } from './approval-state.ts';
import type { AppContext } from './context.ts';
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
    votes,
    questions: ctx.repos.changes.listQuestions(change.id),
    tally: state.cardTally,
    schedule: cardSchedule(ctx, change),
  });
}

/** The person's own changes that are not finished yet. */
export function listMyOpenChanges(ctx: AppContext, person: PersonRecord): ChangeRecord[] {
  return ctx.repos.changes.listByRequester(person.id, OPEN_STATES);
}

/** Changes awaiting a vote this person may still cast (member of the board, not the requester, not yet voted). */
export function listAwaitingMyVote(ctx: AppContext, person: PersonRecord): ChangeRecord[] {
  return ctx.repos.changes.listInState(['authorise']).filter((change) => {
    if (change.requesterId === person.id) return false;
    const board = boardOf(ctx.policy, change);
    if (!board?.members.some((m) => memberMatches(m, person))) return false;
    return !ctx.repos.changes
      .listVotes(change.id)
      .some((v) => v.personId === person.id && v.version === change.version);
  });
}

/** Changes whose window starts within the next `days` days (the change schedule). */
export function listScheduledSoon(ctx: AppContext, days: number): ChangeRecord[] {
  const now = ctx.clock();
  const until = new Date(now.getTime() + days * 86_400_000);
  return ctx.repos.changes.listStartingBetween(now, until, ['authorise', 'scheduled', 'implement']);
}

function personOf(ctx: AppContext, member: MemberRef): PersonRecord | null {
  return (
    (member.slack &&
      ctx.repos.people.findByIdentity({ platform: 'slack', slackUserId: member.slack, name: '' })) ||
    (member.teams &&
      ctx.repos.people.findByIdentity({ platform: 'teams', teamsUserId: member.teams, name: '' })) ||
    (member.email && ctx.repos.people.findByEmail(member.email)) ||
    null
  );
}

/** Known people among the board's eligible members (requester excluded), each once. */
function eligiblePeople(
  ctx: AppContext,
  change: ChangeRecord,
  only: (m: MemberRef) => boolean,
): PersonRecord[] {
  const board = boardOf(ctx.policy, change);
  const requester = ctx.repos.people.get(change.requesterId);
  if (!board || !requester) return [];
  const people: PersonRecord[] = [];
  for (const member of eligibleMembers(board, requester).filter(only)) {
    const person = personOf(ctx, member);
    if (person && !people.some((p) => p.id === person.id)) people.push(person);
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
