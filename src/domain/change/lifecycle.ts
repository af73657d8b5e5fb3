import { fail, ok, type Result } from '../result.ts';
import {
  CHANGE_ACTIONS,
  CHANGE_TYPES,
  type ChangeAction,
  type ChangeState,
  type ChangeType,
  type Outcome,
} from './types.ts';

/** What people read for each state, on cards and in messages. */
export const STATE_LABELS: Record<ChangeState, string> = {
  new: 'New',
  assess: 'Assessing',
  authorise: 'Awaiting approval',
  scheduled: 'Scheduled',
  implement: 'In progress',
  review: 'In review',
  closed: 'Closed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  expired: 'Expired',
};

/** What people read for each action, e.g. on buttons and in the audit trail. */
export const ACTION_LABELS: Record<ChangeAction, string> = {
  submit: 'Submit',
  assess: 'Finish assessment',
  approve: 'Approve',
  reject: 'Reject',
  reopen: 'Reopen for approval',
  cancel: 'Cancel',
  expire: 'Expire',
  start: 'Start',
  complete: 'Complete',
  review: 'Record review',
  close: 'Close without review',
};

// Verb and past participle for refusal messages: "Cannot <verb> a change …: only … can be <done>."
const ACTION_VERBS: Record<ChangeAction, { readonly verb: string; readonly done: string }> = {
  submit: { verb: 'submit', done: 'submitted' },
  assess: { verb: 'finish the assessment of', done: 'assessed' },
  approve: { verb: 'approve', done: 'approved' },
  reject: { verb: 'reject', done: 'rejected' },
  reopen: { verb: 'reopen', done: 'reopened' },
  cancel: { verb: 'cancel', done: 'cancelled' },
  expire: { verb: 'expire', done: 'expired' },
  start: { verb: 'start', done: 'started' },
  complete: { verb: 'complete', done: 'completed' },
  review: { verb: 'record the review of', done: 'reviewed' },
  close: { verb: 'close', done: 'closed' },
};

const ALL_TYPES = CHANGE_TYPES;
const AUTHORISED_TYPES = ['normal', 'emergency'] as const satisfies readonly ChangeType[];

interface Transition {
  readonly from: ChangeState;
  readonly action: ChangeAction;
  readonly to: ChangeState;
  readonly types: readonly ChangeType[];
}

/**
 * The whole lifecycle in one table (ITIL 4 change enablement, DOMAIN.md "Lifecycle"):
 * New → Assess → Authorise → Scheduled → Implement → Review → Closed, with the exits Rejected, Cancelled, Expired.
 * Standard changes are pre-authorised by their model and skip Assess and Authorise; emergency changes skip Assess.
 */
const TRANSITIONS: readonly Transition[] = [
  { from: 'new', action: 'submit', to: 'scheduled', types: ['standard'] },
  { from: 'new', action: 'submit', to: 'assess', types: ['normal'] },
  { from: 'new', action: 'submit', to: 'authorise', types: ['emergency'] },
  { from: 'assess', action: 'assess', to: 'authorise', types: ALL_TYPES },
  { from: 'authorise', action: 'approve', to: 'scheduled', types: ALL_TYPES },
  { from: 'authorise', action: 'reject', to: 'rejected', types: ALL_TYPES },
  // An edit after votes reopens the decision; a standard change has no authority to go back to, so not for it.
  { from: 'scheduled', action: 'reopen', to: 'authorise', types: AUTHORISED_TYPES },
  { from: 'authorise', action: 'reopen', to: 'authorise', types: AUTHORISED_TYPES },
  { from: 'new', action: 'cancel', to: 'cancelled', types: ALL_TYPES },
  { from: 'assess', action: 'cancel', to: 'cancelled', types: ALL_TYPES },
  { from: 'authorise', action: 'cancel', to: 'cancelled', types: ALL_TYPES },
  { from: 'scheduled', action: 'cancel', to: 'cancelled', types: ALL_TYPES },
  { from: 'assess', action: 'expire', to: 'expired', types: ALL_TYPES },
  { from: 'authorise', action: 'expire', to: 'expired', types: ALL_TYPES },
  { from: 'scheduled', action: 'start', to: 'implement', types: ALL_TYPES },
  { from: 'implement', action: 'complete', to: 'review', types: ALL_TYPES },
  { from: 'review', action: 'review', to: 'closed', types: ALL_TYPES },
  { from: 'review', action: 'close', to: 'closed', types: ALL_TYPES },
];

const TERMINAL_STATES: ReadonlySet<ChangeState> = new Set(['closed', 'rejected', 'cancelled', 'expired']);

const findTransition = (type: ChangeType, from: ChangeState, action: ChangeAction): Transition | undefined =>
  TRANSITIONS.find((t) => t.from === from && t.action === action && t.types.includes(type));

const quoteList = (states: readonly ChangeState[]): string => {
  const quoted = states.map((s) => `'${STATE_LABELS[s]}'`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
};

const refusal = (type: ChangeType, from: ChangeState, action: ChangeAction): string => {
  const { verb, done } = ACTION_VERBS[action];
  const legalFrom = TRANSITIONS.filter((t) => t.action === action && t.types.includes(type)).map(
    (t) => t.from,
  );
  const hint =
    legalFrom.length === 0
      ? `${type} changes cannot be ${done}`
      : `only changes in state ${quoteList(legalFrom)} can be ${done}`;
  return `Cannot ${verb} a change in state '${STATE_LABELS[from]}': ${hint}.`;
};

/** Moves a change through the ITIL change lifecycle; an illegal move is refused with a readable reason. */
export const transition = (
  type: ChangeType,
  from: ChangeState,
  action: ChangeAction,
): Result<ChangeState> => {
  const found = findTransition(type, from, action);
  return found ? ok(found.to) : fail('illegal_transition', refusal(type, from, action));
};

const EDITABLE_STATES: ReadonlySet<ChangeState> = new Set(['assess', 'authorise', 'scheduled']);

/** ITIL change control: a change may be edited (as a new version, re-authorised) only until it starts. */
export const isEditable = (state: ChangeState): boolean => EDITABLE_STATES.has(state);

/** Closed, rejected, cancelled and expired changes are final (ITIL: a closed record is kept, never reopened). */
export const isTerminal = (state: ChangeState): boolean => TERMINAL_STATES.has(state);

/** The actions the lifecycle allows for a change of this type in this state, in lifecycle order. */
export const allowedActions = (type: ChangeType, state: ChangeState): ChangeAction[] =>
  CHANGE_ACTIONS.filter((action) => findTransition(type, state, action) !== undefined);

/** ITIL post-implementation review: emergency changes always get one, and so does any change that failed. */
export const reviewRequired = (type: ChangeType, outcome: Outcome): boolean =>
  type === 'emergency' || outcome === 'failed' || outcome === 'rolled_back';

/** Refuses to close without a post-implementation review when ITIL requires one (see `reviewRequired`). */
export const canCloseWithoutReview = (type: ChangeType, outcome: Outcome): Result<void> => {
  if (!reviewRequired(type, outcome)) return ok(undefined);
  const why =
    type === 'emergency'
      ? 'Emergency changes always get a post-implementation review'
      : outcome === 'failed'
        ? 'A failed change needs a post-implementation review'
        : 'A rolled-back change needs a post-implementation review';
  return fail('review_required', `${why}; record the review to close this change.`);
};
