import {
  eligibleMembers,
  evaluateApproval,
  type Identity,
  memberMatches,
  ruleLabel,
} from '../change/approval.ts';
import type { ChangeRecord, VoteRecord } from '../change/change.ts';
import { formatChangeKey } from '../change/change-key.ts';
import { STATE_LABELS } from '../change/lifecycle.ts';
import { assessRisk, highestCriticality, RISK_LABELS, type RiskAssessment } from '../change/risk.ts';
import type { ApprovalRoute, MemberRef, Policy } from '../policy/types.ts';
import { needsStepUp } from './step-up.ts';

/** One part of an explanation: a heading and plain-text lines (user text included: renderers escape). */
export interface ExplainSection {
  readonly id: 'route' | 'risk' | 'voters' | 'missing' | 'schedule';
  readonly heading: string;
  readonly lines: readonly string[];
}

/** The neutral "explain" view: why a change is routed as it is and what its decision still needs. */
export interface ExplanationView {
  readonly key: string;
  readonly title: string;
  readonly sections: readonly ExplainSection[];
}

export type ExplainChange = Pick<
  ChangeRecord,
  | 'id'
  | 'title'
  | 'type'
  | 'state'
  | 'version'
  | 'services'
  | 'riskAnswers'
  | 'riskScore'
  | 'riskLevel'
  | 'modelId'
  | 'boardId'
  | 'approvalRoute'
>;

export interface ExplainInput {
  readonly change: ExplainChange;
  readonly policy: Policy;
  readonly requester: Identity;
  readonly votes: readonly VoteRecord[];
  /**
   * Freezes and conflicts that apply to the change's window, one sentence each, from the change schedule
   * (fed by the schedule context when it exists; empty otherwise).
   */
  readonly scheduleFacts: readonly string[];
  /** Who votes for a member now (their delegates while they are away); none when left out. */
  readonly delegatesOf?: (member: MemberRef) => readonly string[];
}

const memberName = (m: MemberRef): string => m.name ?? m.email ?? m.slack ?? m.teams ?? 'a member';
const withDelegates = (m: MemberRef, delegates: readonly string[]): string =>
  delegates.length === 0 ? memberName(m) : `${memberName(m)} (or ${delegates.join(' or ')} for them)`;

const sameRoute = (a: ApprovalRoute, b: ApprovalRoute): boolean =>
  a.type === b.type &&
  a.board === b.board &&
  JSON.stringify(a.rule) === JSON.stringify(b.rule) &&
  JSON.stringify(a.risk ?? null) === JSON.stringify(b.risk ?? null) &&
  (a.veto ?? true) === (b.veto ?? true);

/**
 * The score's breakdown as it was assessed: the questionnaire and service criticality are read again, and the
 * lead-time points (which depended on when the change was assessed) are whichever make up the stored score.
 */
export function riskBreakdown(
  change: Pick<ExplainChange, 'services' | 'riskAnswers' | 'riskScore'>,
  policy: Policy,
): RiskAssessment & { readonly unexplained: number } {
  const known = new Map(policy.services.map((s) => [s.id, s.criticality]));
  const criticality = highestCriticality(change.services.flatMap((id) => known.get(id) ?? []));
  const tries = [Number.POSITIVE_INFINITY, 48, 0].map((leadTimeHours) =>
    assessRisk({ answers: change.riskAnswers, criticality, leadTimeHours }),
  );
  const match = tries.find((a) => a.score === change.riskScore);
  if (match) return { ...match, unexplained: 0 };
  const base = tries[0]!;
  return { ...base, unexplained: change.riskScore - base.score };
}

function routeSection(input: ExplainInput): ExplainSection {
  const { change, policy } = input;
  const risk = RISK_LABELS[change.riskLevel].toLowerCase();
  const heading = 'Route';
  if (change.type === 'standard') {
    const model = policy.models.find((m) => m.id === change.modelId);
    const name = model ? `"${model.name}"` : `'${change.modelId ?? 'unknown'}'`;
    return {
      id: 'route',
      heading,
      lines: [
        `Standard change under the model ${name}: pre-authorised up to ${RISK_LABELS[model?.maxRisk ?? 'low'].toLowerCase()} risk, so no CAB vote is needed.`,
      ],
    };
  }
  const route = change.approvalRoute;
  const board = policy.boards.find((b) => b.id === change.boardId);
  if (!route) {
    return {
      id: 'route',
      heading,
      lines: [`No approval route is recorded for this ${change.type} change of ${risk} risk.`],
    };
  }
  const index = policy.routes.findIndex((r) => sameRoute(r, route));
  const covers =
    route.risk === undefined
      ? `every risk level`
      : `risk ${route.risk.map((l) => RISK_LABELS[l].toLowerCase()).join(', ')}`;
  const which =
    index >= 0
      ? `Route ${index + 1} of ${policy.routes.length} matched: the first for ${route.type} changes that covers ${covers} (this change: ${change.type}, ${risk} risk).`
      : `The route recorded when the change was assessed (${route.type} changes, ${covers}) is no longer in the policy; the change keeps it.`;
  const eligible = board ? eligibleMembers(board, input.requester).length : 0;
  const rule = `Rule: ${ruleLabel(route.rule, eligible)}, decided by ${board?.name ?? `board '${route.board}'`}${
    route.type === 'emergency' ? ' (the emergency CAB)' : ''
  }; ${(route.veto ?? true) ? 'a rejection vetoes it' : 'a rejection does not veto it'}.`;
  const managers = board?.members.filter((m) => m.finalSay).map(memberName) ?? [];
  const finalSay = managers.length > 0 ? [`Final say (decides at once): ${managers.join(', ')}.`] : [];
  const objection = route.objectionWindowHours
    ? [
        `Objection window: approved by the policy unless a member objects within ${route.objectionWindowHours} ${board?.workingHours ? 'working ' : ''}hours (the card shows the deadline).`,
      ]
    : [];
  const stepUp = needsStepUp(route, change.riskLevel, policy.defaults)
    ? ['Step-up: each approval needs a confirmation of the window, services and plans.']
    : [];
  return { id: 'route', heading, lines: [which, rule, ...finalSay, ...objection, ...stepUp] };
}

function riskSection(input: ExplainInput): ExplainSection {
  const { change } = input;
  const breakdown = riskBreakdown(change, input.policy);
  const lines = [
    `${RISK_LABELS[change.riskLevel]} risk, score ${change.riskScore} (0–3 low, 4–7 medium, 8–11 high, 12+ very high).`,
    ...(breakdown.reasons.length === 0
      ? ['No factor added points.']
      : breakdown.reasons.map((r) => `• ${r}`)),
    ...(breakdown.unexplained !== 0
      ? [
          `• lead time and service criticality as they were when assessed (${breakdown.unexplained > 0 ? '+' : ''}${breakdown.unexplained})`,
        ]
      : []),
  ];
  return { id: 'risk', heading: 'Risk', lines };
}

function tallyOf(input: ExplainInput) {
  const { change, policy } = input;
  const board = policy.boards.find((b) => b.id === change.boardId);
  const route = change.approvalRoute;
  if (!board || !route) return null;
  const members = eligibleMembers(board, input.requester);
  const current = input.votes.filter((v) => v.version === change.version);
  const finalSayMembers = board.members.filter((m) => m.finalSay);
  const finalSay = new Set(
    current.filter((v) => finalSayMembers.some((m) => memberMatches(m, v.voter))).map((v) => v.personId),
  );
  const tally = evaluateApproval({
    rule: route.rule,
    veto: route.veto ?? true,
    eligible: members.length,
    finalSay,
    votes: current,
    version: change.version,
  });
  const yetToVote = members.filter((m) => !current.some((v) => memberMatches(m, v.voter)));
  return { tally, yetToVote, current };
}

function votersSection(input: ExplainInput, t: NonNullable<ReturnType<typeof tallyOf>>): ExplainSection {
  const voted = t.current.map(
    (v) => `${v.personName} ${v.decision === 'approve' ? 'approved' : 'rejected'} version ${v.version}.`,
  );
  const open = input.change.state === 'authorise';
  const still = open
    ? t.yetToVote.length === 0
      ? ['Everyone eligible has voted on this version.']
      : [
          `May still vote: ${t.yetToVote.map((m) => withDelegates(m, input.delegatesOf?.(m) ?? [])).join(', ')}.`,
        ]
    : [];
  return {
    id: 'voters',
    heading: 'Votes',
    lines: [
      ...(voted.length === 0 ? [`No votes on version ${input.change.version} yet.`] : voted),
      ...still,
      'The requester never votes on their own change.',
    ],
  };
}

function missingSection(input: ExplainInput, t: ReturnType<typeof tallyOf>): ExplainSection {
  const { change } = input;
  const heading = 'What is missing';
  if (change.state !== 'authorise') {
    const done =
      change.type === 'standard'
        ? `Nothing: it is ${STATE_LABELS[change.state].toLowerCase()}.`
        : `Nothing: the decision is made (${STATE_LABELS[change.state].toLowerCase()}).`;
    return { id: 'missing', heading, lines: [done] };
  }
  if (!t) return { id: 'missing', heading, lines: ['A board and a rule: the policy names none for it.'] };
  const { tally } = t;
  const needed = Math.max(0, tally.required - tally.approvals);
  const lines = [
    `${needed} more approval${needed === 1 ? '' : 's'} (${tally.approvals} of ${tally.required} so far), or one from a member with the final say.`,
  ];
  if (t.yetToVote.length < needed)
    lines.push('Not enough members are left to reach it: the next vote decides against it.');
  return { id: 'missing', heading, lines };
}

/** ITIL change authority, made transparent: which route and rule apply and why, and what the decision needs. */
export function explainChange(input: ExplainInput): ExplanationView {
  const t = input.change.type === 'standard' ? null : tallyOf(input);
  const sections: ExplainSection[] = [routeSection(input), riskSection(input)];
  if (t) sections.push(votersSection(input, t));
  sections.push(missingSection(input, t));
  sections.push({
    id: 'schedule',
    heading: 'Schedule (freezes and conflicts)',
    lines: input.scheduleFacts.length > 0 ? input.scheduleFacts : ['None known for its window.'],
  });
  return { key: formatChangeKey(input.change.id), title: input.change.title, sections };
}
