import {
  type ApprovalTally,
  eligibleMembers,
  evaluateApproval,
  isRequester,
  memberMatches,
  ruleLabel,
} from '../domain/change/approval.ts';
import type { ChangeRecord, PersonRecord, VoteRecord } from '../domain/change/change.ts';
import type { Board, Policy } from '../domain/policy/types.ts';
import type { CardTally } from '../domain/views/change-card.ts';

export interface ApprovalState {
  readonly board: Board | null;
  readonly eligible: number;
  readonly tally: ApprovalTally | null;
  readonly cardTally: CardTally | null;
}

export function boardOf(policy: Policy, change: Pick<ChangeRecord, 'boardId'>): Board | null {
  return policy.boards.find((b) => b.id === change.boardId) ?? null;
}

/**
 * Where a would-be voter stands on a change: whether they are its requester by any of their records, and
 * whether they are an eligible member of its board (the entries naming the requester left out). What
 * `checkVote` needs, the same for a vote, a question and a card's buttons.
 */
export function voterStanding(
  policy: Policy,
  board: Board | null,
  requester: PersonRecord,
  person: PersonRecord,
): { voterIsRequester: boolean; isMember: boolean } {
  return {
    voterIsRequester: isRequester(policy.boards, person, requester),
    isMember: board ? eligibleMembers(board, requester).some((m) => memberMatches(m, person)) : false,
  };
}

/** The CAB's current position on a change: eligible voters (requester excluded), the tally for this version. */
export function approvalState(
  policy: Policy,
  change: ChangeRecord,
  requester: PersonRecord,
  votes: readonly VoteRecord[],
): ApprovalState {
  const board = boardOf(policy, change);
  const route = change.approvalRoute;
  if (!board || !route) return { board, eligible: 0, tally: null, cardTally: null };
  const eligible = eligibleMembers(board, requester).length;
  // A final say is an eligible member's: the requester's own entry never decides (segregation of duties).
  const finalSayMembers = eligibleMembers(board, requester).filter((m) => m.finalSay);
  const finalSay = new Set(
    votes.filter((v) => finalSayMembers.some((m) => memberMatches(m, v.voter))).map((v) => v.personId),
  );
  const tally = evaluateApproval({
    rule: route.rule,
    veto: route.veto ?? true,
    eligible,
    finalSay,
    votes,
    version: change.version,
  });
  return {
    board,
    eligible,
    tally,
    cardTally: {
      approvals: tally.approvals,
      rejections: tally.rejections,
      required: tally.required,
      ruleLabel: ruleLabel(route.rule, eligible),
    },
  };
}
