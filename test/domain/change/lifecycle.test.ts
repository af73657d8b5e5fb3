import { describe, expect, it } from 'vitest';
import {
  ACTION_LABELS,
  allowedActions,
  canCloseWithoutReview,
  isEditable,
  isTerminal,
  reviewRequired,
  STATE_LABELS,
  transition,
} from '../../../src/domain/change/lifecycle.ts';
import {
  CHANGE_ACTIONS,
  CHANGE_STATES,
  CHANGE_TYPES,
  type ChangeAction,
  type ChangeState,
  type ChangeType,
  OUTCOMES,
  type Outcome,
} from '../../../src/domain/change/types.ts';

// Written out independently of the implementation's table, so a slip in either shows up here.
const SHARED: [ChangeState, ChangeAction, ChangeState][] = [
  ['assess', 'assess', 'authorise'],
  ['authorise', 'approve', 'scheduled'],
  ['authorise', 'reject', 'rejected'],
  ['new', 'cancel', 'cancelled'],
  ['assess', 'cancel', 'cancelled'],
  ['authorise', 'cancel', 'cancelled'],
  ['scheduled', 'cancel', 'cancelled'],
  ['assess', 'expire', 'expired'],
  ['authorise', 'expire', 'expired'],
  ['scheduled', 'start', 'implement'],
  ['implement', 'complete', 'review'],
  ['review', 'review', 'closed'],
  ['review', 'close', 'closed'],
];
const REOPEN: [ChangeState, ChangeAction, ChangeState][] = [
  ['scheduled', 'reopen', 'authorise'],
  ['authorise', 'reopen', 'authorise'],
];
const LEGAL: Record<ChangeType, [ChangeState, ChangeAction, ChangeState][]> = {
  standard: [['new', 'submit', 'scheduled'], ...SHARED],
  normal: [['new', 'submit', 'assess'], ...SHARED, ...REOPEN],
  emergency: [['new', 'submit', 'authorise'], ...SHARED, ...REOPEN],
};
const LEGAL_ROWS = CHANGE_TYPES.flatMap((type) =>
  LEGAL[type].map(([from, action, to]) => [type, from, action, to]),
);

describe('transition', () => {
  it.each(LEGAL_ROWS as [ChangeType, ChangeState, ChangeAction, ChangeState][])(
    'moves a %s change from %s by %s to %s',
    (type, from, action, to) => {
      expect(transition(type, from, action)).toEqual({ ok: true, value: to });
    },
  );

  it.each(CHANGE_TYPES)('refuses every other state and action for a %s change', (type) => {
    const legal = new Set(LEGAL[type].map(([from, action]) => `${from}:${action}`));
    const wronglyAllowed: string[] = [];
    for (const from of CHANGE_STATES) {
      for (const action of CHANGE_ACTIONS) {
        if (legal.has(`${from}:${action}`)) continue;
        const result = transition(type, from, action);
        if (result.ok || result.error.code !== 'illegal_transition') wronglyAllowed.push(`${from}:${action}`);
      }
    }
    expect(wronglyAllowed).toEqual([]);
  });

  it.each([
    [
      'normal',
      'authorise',
      'start',
      "Cannot start a change in state 'Awaiting approval': only changes in state 'Scheduled' can be started.",
    ],
    [
      'normal',
      'closed',
      'cancel',
      "Cannot cancel a change in state 'Closed': only changes in state 'New', 'Assessing', 'Awaiting approval' or 'Scheduled' can be cancelled.",
    ],
    [
      'emergency',
      'scheduled',
      'approve',
      "Cannot approve a change in state 'Scheduled': only changes in state 'Awaiting approval' can be approved.",
    ],
    [
      'normal',
      'new',
      'review',
      "Cannot record the review of a change in state 'New': only changes in state 'In review' can be reviewed.",
    ],
    [
      'standard',
      'scheduled',
      'reopen',
      "Cannot reopen a change in state 'Scheduled': standard changes cannot be reopened.",
    ],
    [
      'normal',
      'rejected',
      'submit',
      "Cannot submit a change in state 'Rejected': only changes in state 'New' can be submitted.",
    ],
  ] as [ChangeType, ChangeState, ChangeAction, string][])(
    'refuses to let a %s change in %s %s, naming state and action',
    (type, from, action, message) => {
      expect(transition(type, from, action)).toEqual({
        ok: false,
        error: { code: 'illegal_transition', message },
      });
    },
  );
});

describe('allowedActions', () => {
  it.each([
    ['normal', 'new', ['submit', 'cancel']],
    ['normal', 'assess', ['assess', 'cancel', 'expire']],
    ['normal', 'authorise', ['approve', 'reject', 'reopen', 'cancel', 'expire']],
    ['normal', 'scheduled', ['reopen', 'cancel', 'start']],
    ['standard', 'scheduled', ['cancel', 'start']],
    ['emergency', 'implement', ['complete']],
    ['emergency', 'review', ['review', 'close']],
    ['normal', 'closed', []],
    ['standard', 'expired', []],
  ] as [ChangeType, ChangeState, ChangeAction[]][])(
    'offers a %s change in %s: %j',
    (type, state, actions) => {
      expect(allowedActions(type, state)).toEqual(actions);
    },
  );

  it('offers exactly the actions that transition accepts', () => {
    for (const type of CHANGE_TYPES) {
      for (const state of CHANGE_STATES) {
        const accepted = CHANGE_ACTIONS.filter((a) => transition(type, state, a).ok);
        expect(allowedActions(type, state)).toEqual(accepted);
      }
    }
  });
});

describe('isTerminal', () => {
  it.each([
    ['closed', true],
    ['rejected', true],
    ['cancelled', true],
    ['expired', true],
    ['new', false],
    ['assess', false],
    ['authorise', false],
    ['scheduled', false],
    ['implement', false],
    ['review', false],
  ] as [ChangeState, boolean][])('calls %s terminal: %s', (state, terminal) => {
    expect(isTerminal(state)).toBe(terminal);
  });

  it('leaves no way out of a terminal state', () => {
    for (const type of CHANGE_TYPES) {
      for (const state of CHANGE_STATES.filter(isTerminal)) expect(allowedActions(type, state)).toEqual([]);
    }
  });
});

describe('labels', () => {
  it('labels the states as people read them', () => {
    expect(STATE_LABELS).toEqual({
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
    });
  });

  it('gives every action a distinct non-empty label', () => {
    const labels = CHANGE_ACTIONS.map((a) => ACTION_LABELS[a]);
    expect(labels.every((l) => l.trim() !== '')).toBe(true);
    expect(new Set(labels).size).toBe(CHANGE_ACTIONS.length);
  });
});

describe('post-implementation review', () => {
  const cases: [ChangeType, Outcome, boolean][] = CHANGE_TYPES.flatMap((type) =>
    OUTCOMES.map((outcome): [ChangeType, Outcome, boolean] => [
      type,
      outcome,
      type === 'emergency' || outcome === 'failed' || outcome === 'rolled_back',
    ]),
  );

  it.each(cases)('for a %s change that ended %s, requires a review: %s', (type, outcome, required) => {
    expect(reviewRequired(type, outcome)).toBe(required);
  });

  it.each(cases)(
    'closes a %s change that ended %s without review only when none is required',
    (type, outcome, required) => {
      const result = canCloseWithoutReview(type, outcome);
      if (required) {
        expect(result.ok).toBe(false);
        expect(!result.ok && result.error.code).toBe('review_required');
      } else {
        expect(result).toEqual({ ok: true, value: undefined });
      }
    },
  );

  it('tells why an emergency change needs its review', () => {
    const result = canCloseWithoutReview('emergency', 'successful');
    expect(!result.ok && result.error.message).toMatch(
      /^Emergency changes always get a post-implementation review/,
    );
  });

  it('tells why a rolled-back change needs its review', () => {
    const result = canCloseWithoutReview('normal', 'rolled_back');
    expect(!result.ok && result.error.message).toMatch(
      /^A rolled-back change needs a post-implementation review/,
    );
  });
});

describe('isEditable', () => {
  it.each(CHANGE_STATES)('allows an edit in state %s only before implementation starts', (state) => {
    expect(isEditable(state)).toBe(['assess', 'authorise', 'scheduled'].includes(state));
  });
});
