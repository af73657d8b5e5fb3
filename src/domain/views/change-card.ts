import type { ChangeRecord, QuestionRecord, VoteRecord } from '../change/change.ts';
import { formatChangeKey } from '../change/change-key.ts';
import { isTerminal, STATE_LABELS } from '../change/lifecycle.ts';
import { RISK_LABELS } from '../change/risk.ts';
import type { ChangeState, ChangeType, Outcome, RiskLevel, VoteDecision } from '../change/types.ts';
import type { CardDeployment } from './deployment-lines.ts';

/** Who a copy of the card is for: a CAB channel, the requester's direct message, or a standard-change announcement. */
export type CardAudience = 'cab' | 'requester' | 'announce';

export type CardAction =
  | 'approve'
  | 'reject'
  | 'request_info'
  | 'start'
  | 'complete'
  | 'review'
  | 'cancel'
  | 'answer';

export const TYPE_LABELS: Record<ChangeType, string> = {
  standard: 'Standard',
  normal: 'Normal',
  emergency: 'Emergency',
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  successful: 'Successful',
  successful_with_issues: 'Successful with issues',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

export interface CardVote {
  readonly name: string;
  readonly decision: VoteDecision;
  readonly at: Date;
  readonly reason: string | null;
}

export interface CardQuestion {
  readonly id: number;
  readonly asker: string;
  readonly question: string;
  readonly askedAt: Date;
  readonly answer: string | null;
}

export interface CardTally {
  readonly approvals: number;
  readonly rejections: number;
  readonly required: number;
  /** The rule in words, e.g. "2 of 3" or "majority (3 of 4)". */
  readonly ruleLabel: string;
}

/** How the change was decided, for the card's plain status once its buttons are gone. */
export interface CardDecision {
  readonly state: ChangeState;
  readonly label: string;
  readonly by: readonly string[];
  readonly at: Date | null;
  readonly reason: string | null;
}

/** A card names this many of the changes and releases its window overlaps, the earliest first, and counts the rest. */
export const CARD_OVERLAPS_NAMED = 10;

/** The change schedule on a card (see app/schedule/card-schedule.ts): what the CAB must weigh about the window. */
export interface CardSchedule {
  /** The first CARD_OVERLAPS_NAMED other changes or releases overlapping the window on one of its services. */
  readonly overlaps: readonly {
    readonly key: string;
    readonly title: string;
    readonly stateLabel: string;
    readonly start: Date;
    readonly end: Date;
  }[];
  /** How many overlap in all (named or not). */
  readonly overlapCount: number;
  /** The freezes the window is inside (an emergency in a hard freeze, a justified soft freeze). */
  readonly freezes: readonly {
    readonly name: string;
    readonly level: 'hard' | 'soft';
    readonly message: string;
  }[];
  /** Names of the services whose maintenance windows the window is outside. */
  readonly outsideMaintenance: readonly string[];
  /** Why the requester works inside a soft freeze. */
  readonly freezeJustification: string | null;
}

/** A platform-neutral change card: the Slack and Teams renderers turn it into Block Kit or an Adaptive Card. */
export interface ChangeCardView {
  readonly changeId: number;
  readonly key: string;
  readonly version: number;
  readonly audience: CardAudience;
  readonly title: string;
  readonly type: ChangeType;
  readonly typeLabel: string;
  readonly riskLevel: RiskLevel;
  readonly riskLabel: string;
  readonly state: ChangeState;
  readonly stateLabel: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly services: readonly string[];
  readonly requesterName: string;
  readonly boardName: string | null;
  readonly modelName: string | null;
  readonly description: string;
  readonly justification: string;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
  readonly sourceLink: string | null;
  readonly tally: CardTally | null;
  readonly votes: readonly CardVote[];
  readonly questions: readonly CardQuestion[];
  readonly decision: CardDecision | null;
  readonly outcome: { readonly label: string; readonly note: string | null } | null;
  /** The post-implementation review, once recorded. */
  readonly review: { readonly metGoal: boolean; readonly summary: string; readonly lessons: string } | null;
  readonly actions: readonly CardAction[];
  /** The latest deployments pipelines reported for this change, newest first (deployment gate). */
  readonly deployments?: readonly CardDeployment[];
  /** The release this change rides, e.g. "REL-3 Weekly web release" (release management). */
  readonly release?: string | null;
  /** While an edit's reopened decision is pending: what changed since the version the CAB voted on. */
  readonly sinceVotes?: CardEditDiff | null;
  /** "Approved unless someone objects by …", while the window is open or after an objection. */
  readonly objectionWindow?: CardObjectionWindow | null;
  /** Conflicts, freezes and the freeze justification; absent when the window has none. */
  readonly schedule?: CardSchedule | null;
}

export interface CardObjectionWindow {
  readonly deadline: Date;
  /** Who objected and why (user text); null while nobody has. */
  readonly objection: { readonly by: string; readonly reason: string } | null;
}

/** The diff after an edit, in sentences (plain text; renderers escape it). */
export interface CardEditDiff {
  readonly fromVersion: number;
  readonly lines: readonly string[];
}

export interface ChangeCardInput {
  readonly change: ChangeRecord;
  readonly audience: CardAudience;
  readonly requesterName: string;
  readonly serviceNames: readonly string[];
  readonly boardName: string | null;
  readonly modelName: string | null;
  readonly votes: readonly VoteRecord[];
  readonly questions: readonly QuestionRecord[];
  readonly tally: CardTally | null;
  readonly deployments?: readonly CardDeployment[];
  readonly release?: string | null;
  readonly sinceVotes?: CardEditDiff | null;
  readonly objectionWindow?: CardObjectionWindow | null;
  readonly schedule?: CardSchedule | null;
}

/** Buttons offered by state and audience; the use case still authorises every click. */
function actionsFor(change: ChangeRecord, audience: CardAudience, questions: readonly QuestionRecord[]) {
  const actions: CardAction[] = [];
  const state = change.state;
  if (audience === 'cab' && state === 'authorise') actions.push('approve', 'reject', 'request_info');
  if (state === 'scheduled') actions.push('start');
  if (state === 'implement') actions.push('complete');
  if (state === 'review') actions.push('review');
  if (audience === 'requester') {
    if (questions.some((q) => q.answer === null) && !isTerminal(state)) actions.push('answer');
    if (['new', 'assess', 'authorise', 'scheduled'].includes(state)) actions.push('cancel');
  }
  return actions;
}

function decisionOf(change: ChangeRecord, votes: readonly CardVote[]): CardDecision | null {
  const state = change.state;
  if (state === 'new' || state === 'assess' || state === 'authorise') return null;
  if (change.type === 'standard' && state === 'scheduled') {
    return { state, label: 'Pre-approved (standard change)', by: [], at: change.createdAt, reason: null };
  }
  const approvers = votes.filter((v) => v.decision === 'approve').map((v) => v.name);
  const rejecters = votes.filter((v) => v.decision === 'reject');
  if (state === 'rejected') {
    return {
      state,
      label: 'Rejected',
      by: rejecters.map((v) => v.name),
      at: change.decidedAt,
      reason: rejecters[0]?.reason ?? null,
    };
  }
  if (state === 'cancelled' || state === 'expired') {
    return { state, label: STATE_LABELS[state], by: [], at: change.updatedAt, reason: null };
  }
  return {
    state,
    label: change.type === 'standard' ? 'Pre-approved (standard change)' : 'Approved',
    by: approvers,
    at: change.decidedAt,
    reason: null,
  };
}

/** Builds the neutral card for one audience; only votes on the current version are shown (ITIL: votes bind to a version). */
export function buildChangeCard(input: ChangeCardInput): ChangeCardView {
  const { change } = input;
  const votes: CardVote[] = input.votes
    .filter((v) => v.version === change.version)
    .map((v) => ({ name: v.personName, decision: v.decision, at: v.at, reason: v.reason }));
  const questions: CardQuestion[] = input.questions.map((q) => ({
    id: q.id,
    asker: q.askerName,
    question: q.question,
    askedAt: q.askedAt,
    answer: q.answer,
  }));
  return {
    changeId: change.id,
    key: formatChangeKey(change.id),
    version: change.version,
    audience: input.audience,
    title: change.title,
    type: change.type,
    typeLabel: TYPE_LABELS[change.type],
    riskLevel: change.riskLevel,
    riskLabel: RISK_LABELS[change.riskLevel],
    state: change.state,
    stateLabel: STATE_LABELS[change.state],
    windowStart: change.plannedStart,
    windowEnd: change.plannedEnd,
    services: input.serviceNames,
    requesterName: input.requesterName,
    boardName: input.boardName,
    modelName: input.modelName,
    description: change.description,
    justification: change.justification,
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
    sourceLink: change.sourceLink,
    tally: change.type === 'standard' ? null : input.tally,
    votes,
    questions,
    decision: decisionOf(change, votes),
    outcome: change.outcome ? { label: OUTCOME_LABELS[change.outcome], note: change.outcomeNote } : null,
    review: change.review
      ? { metGoal: change.review.metGoal, summary: change.review.summary, lessons: change.review.lessons }
      : null,
    actions: actionsFor(change, input.audience, input.questions),
    ...(input.deployments && input.deployments.length > 0 ? { deployments: input.deployments } : {}),
    ...(input.release ? { release: input.release } : {}),
    ...(input.sinceVotes ? { sinceVotes: input.sinceVotes } : {}),
    ...(input.objectionWindow && change.state === 'authorise'
      ? { objectionWindow: input.objectionWindow }
      : {}),
    ...(input.schedule ? { schedule: input.schedule } : {}),
  };
}
