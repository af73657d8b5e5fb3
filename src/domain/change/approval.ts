import type { ApprovalRoute, ApprovalRule, Board, MemberRef, Policy } from '../policy/types.ts';
import { fail, ok, type Result } from '../result.ts';
import { STATE_LABELS } from './lifecycle.ts';
import { RISK_LABELS } from './risk.ts';
import type { ChangeState, RiskLevel, Vote, VoteDecision } from './types.ts';

/** The identities one person is known by; any one that matches a member links them. */
export interface Identity {
  readonly email?: string | null;
  readonly slackUserId?: string | null;
  readonly teamsUserId?: string | null;
}

export interface ApprovalTally {
  readonly approvals: number;
  readonly rejections: number;
  readonly required: number;
  readonly eligible: number;
  readonly outcome: 'pending' | 'approved' | 'rejected';
}

export interface ApprovalInput {
  readonly rule: ApprovalRule;
  /** A single rejection decides at once. */
  readonly veto: boolean;
  /** How many people may vote (board members other than the requester). */
  readonly eligible: number;
  /** Person ids whose approve or reject decides at once (the change manager). */
  readonly finalSay: ReadonlySet<number>;
  readonly votes: readonly Vote[];
  /** The change's current version; votes on earlier versions no longer count. */
  readonly version: number;
}

export interface VoteCheckInput {
  readonly state: ChangeState;
  readonly currentVersion: number;
  readonly votedVersion: number;
  /** The voter is the person who raised the change, by any of their records (see `isRequester`). */
  readonly voterIsRequester: boolean;
  /** The voter is an eligible member of the board (the entries naming the requester left out). */
  readonly isMember: boolean;
  readonly alreadyVoted: boolean;
  readonly decision: VoteDecision | 'request_info';
  readonly reason: string | null;
}

/** ITIL change authority: the policy's first route for this type and risk names the board and its rule. */
export const selectRoute = (
  policy: Policy,
  type: 'normal' | 'emergency',
  level: RiskLevel,
): Result<{ route: ApprovalRoute; board: Board }> => {
  const route = policy.routes.find(
    (r) => r.type === type && (r.risk === undefined || r.risk.includes(level)),
  );
  const what = `${type} changes of ${RISK_LABELS[level].toLowerCase()} risk`;
  if (!route) {
    return fail('no_route', `The change policy names no approval route for ${what}; ask the change manager.`);
  }
  const board = policy.boards.find((b) => b.id === route.board);
  if (!board) {
    return fail(
      'unknown_board',
      `The approval route for ${what} names board '${route.board}', which the change policy does not define.`,
    );
  }
  return ok({ route, board });
};

const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && a !== '' && a === b;

const normaliseEmail = (email: string | null | undefined): string | null =>
  typeof email === 'string' && email.trim() !== '' ? email.trim().toLowerCase() : null;

/** People, not accounts: a member matches a person through any identity they share (email ignores case). */
export const memberMatches = (member: MemberRef, who: Identity): boolean =>
  same(normaliseEmail(member.email), normaliseEmail(who.email)) ||
  same(member.slack, who.slackUserId) ||
  same(member.teams, who.teamsUserId);

// Two entries for one person are folded into one, keeping every identity and any final say.
const merge = (kept: MemberRef, extra: MemberRef): MemberRef => {
  const email = kept.email ?? extra.email;
  const slack = kept.slack ?? extra.slack;
  const teams = kept.teams ?? extra.teams;
  const name = kept.name ?? extra.name;
  return {
    ...(name === undefined ? {} : { name }),
    ...(email === undefined ? {} : { email }),
    ...(slack === undefined ? {} : { slack }),
    ...(teams === undefined ? {} : { teams }),
    ...(kept.finalSay || extra.finalSay ? { finalSay: true } : {}),
  };
};

/** A person on record: their id and the identities they are known by. */
export interface KnownPerson extends Identity {
  readonly id: number;
}

/**
 * Segregation of duties across platforms (ITIL, SOX): the voter is the requester when they are the same
 * record, share an email, or one policy member entry names them both. A person's Slack and Teams records
 * stay apart when no email links them (a roster lookup that failed, a member listed without one), and
 * either must still never approve what the other raised.
 */
export const isRequester = (
  boards: readonly Board[],
  voter: KnownPerson,
  requester: KnownPerson,
): boolean => {
  if (voter.id === requester.id) return true;
  const email = normaliseEmail(voter.email);
  if (email !== null && email === normaliseEmail(requester.email)) return true;
  return boards.some((b) => b.members.some((m) => memberMatches(m, voter) && memberMatches(m, requester)));
};

/** Segregation of duties (ITIL, SOX): the requester never approves their own change; each person counts once. */
export const eligibleMembers = (board: Board, requester: Identity): readonly MemberRef[] => {
  // Every vote asks this of the same board for the same requester: the fold is kept per board (policies are
  // immutable once loaded) and per requester, so a vote on a 70-person CAB no longer rebuilds it (issue 7).
  const key = `${normaliseEmail(requester.email) ?? ''}\u0000${requester.slackUserId ?? ''}\u0000${requester.teamsUserId ?? ''}`;
  let perRequester = eligibleByBoard.get(board);
  if (!perRequester) {
    perRequester = new Map();
    eligibleByBoard.set(board, perRequester);
  }
  const known = perRequester.get(key);
  if (known) return known;
  const people = Object.freeze(foldMembers(board, requester));
  // Bounded: the oldest requester's entry goes first; recomputing one costs a single fold.
  if (perRequester.size >= ELIGIBLE_CACHE_SIZE) perRequester.delete(perRequester.keys().next().value!);
  perRequester.set(key, people);
  return people;
};

const ELIGIBLE_CACHE_SIZE = 256;
const eligibleByBoard = new WeakMap<Board, Map<string, readonly MemberRef[]>>();

function foldMembers(board: Board, requester: Identity): MemberRef[] {
  const people: MemberRef[] = [];
  // Each identity points at the person it belongs to, so folding duplicates stays linear in board size.
  const byIdentity = new Map<string, number>();
  const keysOf = (m: MemberRef): string[] => {
    const email = normaliseEmail(m.email);
    return [email ? `e:${email}` : '', m.slack ? `s:${m.slack}` : '', m.teams ? `t:${m.teams}` : ''].filter(
      Boolean,
    );
  };
  for (const member of board.members) {
    if (memberMatches(member, requester)) continue;
    const keys = keysOf(member);
    const index = keys.map((k) => byIdentity.get(k)).find((i) => i !== undefined);
    if (index === undefined) {
      people.push(member);
      for (const key of keys) byIdentity.set(key, people.length - 1);
    } else {
      people[index] = merge(people[index]!, member);
      for (const key of keysOf(people[index]!)) byIdentity.set(key, index);
    }
  }
  return people;
}

/** How many approvals the ITIL change authority's rule needs from the eligible members (at least one). */
export const requiredApprovals = (rule: ApprovalRule, eligible: number): number => {
  const count = Math.max(0, Math.floor(eligible));
  switch (rule.kind) {
    case 'any':
      return 1;
    case 'n_of_m':
      return Math.max(1, Math.min(Math.floor(rule.n), count));
    case 'majority':
      return Math.floor(count / 2) + 1;
    case 'all':
      return Math.max(1, count);
  }
};

/** A short description of the rule for cards, e.g. "majority (3 of 4)". */
export const ruleLabel = (rule: ApprovalRule, eligible: number): string => {
  const required = requiredApprovals(rule, eligible);
  switch (rule.kind) {
    case 'any':
      return `any 1 of ${eligible}`;
    case 'n_of_m':
      return `${required} of ${eligible}`;
    case 'majority':
      return `majority (${required} of ${eligible})`;
    case 'all':
      return `all ${eligible}`;
  }
};

// Each person's latest vote on the current version: an edit reopens the decision, and a person counts once.
const currentVotes = (votes: readonly Vote[], version: number): Vote[] => {
  const latest = new Map<number, Vote>();
  for (const vote of votes) {
    if (vote.version !== version) continue;
    const seen = latest.get(vote.personId);
    if (!seen || vote.at.getTime() >= seen.at.getTime()) latest.set(vote.personId, vote);
  }
  return [...latest.values()];
};

/**
 * Tallies the votes under the ITIL change authority's rule: the final say decides at once, a vetoing rejection
 * decides at once, reaching the required approvals approves, and a change that can no longer reach them is rejected.
 */
export const evaluateApproval = (input: ApprovalInput): ApprovalTally => {
  const votes = currentVotes(input.votes, input.version);
  const approvals = votes.filter((v) => v.decision === 'approve').length;
  const rejections = votes.length - approvals;
  const eligible = Math.max(0, input.eligible);
  const required = requiredApprovals(input.rule, eligible);
  const tally = (outcome: ApprovalTally['outcome']): ApprovalTally => ({
    approvals,
    rejections,
    required,
    eligible,
    outcome,
  });

  const finalWord = votes
    .filter((v) => input.finalSay.has(v.personId))
    .reduce<Vote | undefined>(
      (last, v) => (!last || v.at.getTime() >= last.at.getTime() ? v : last),
      undefined,
    );
  if (finalWord) return tally(finalWord.decision === 'approve' ? 'approved' : 'rejected');
  if (input.veto && rejections > 0) return tally('rejected');
  if (approvals >= required) return tally('approved');
  const stillToVote = Math.max(0, eligible - approvals - rejections);
  if (approvals + stillToVote < required) return tally('rejected');
  return tally('pending');
};

const SELF_VERBS: Record<VoteCheckInput['decision'], string> = {
  approve: 'approve it',
  reject: 'reject it',
  request_info: 'vote on it',
};

/** Checks one vote before it is recorded: open for votes, current version, segregation of duties, membership. */
export const checkVote = (input: VoteCheckInput): Result<void> => {
  if (input.state !== 'authorise') {
    return fail(
      'not_open_for_votes',
      `This change is not awaiting approval (it is ${STATE_LABELS[input.state]}), so it takes no votes.`,
    );
  }
  if (input.votedVersion !== input.currentVersion) {
    return fail(
      'stale_version',
      `This card shows version ${input.votedVersion}; the change was edited since (now version ${input.currentVersion}). Look at the updated card and vote again.`,
    );
  }
  if (input.voterIsRequester) {
    return fail(
      'self_approval',
      `You raised this change, so you cannot ${SELF_VERBS[input.decision]} (segregation of duties).`,
    );
  }
  if (!input.isMember) {
    return fail(
      'not_cab_member',
      'Only members of the change board that authorises this change can vote on it.',
    );
  }
  if (input.alreadyVoted && input.decision !== 'request_info') {
    return fail('duplicate_vote', 'You have already voted on this version of the change.');
  }
  if (input.decision !== 'approve' && (input.reason ?? '').trim() === '') {
    const message =
      input.decision === 'reject'
        ? 'Give a reason for rejecting this change.'
        : 'Say what information you need from the requester.';
    return fail('reason_required', message, 'reason');
  }
  return ok(undefined);
};
