import { describe, expect, it } from 'vitest';
import {
  checkObjection,
  deadlineOutcome,
  type ObjectionWindow,
} from '../../../src/domain/approval/objection-window.ts';
import { hoursAfter, NOW } from '../fixtures.ts';

const window: ObjectionWindow = {
  version: 1,
  deadline: hoursAfter(NOW, 4),
  objectedAt: null,
  approvedAt: null,
};

describe('what an objection window’s deadline does', () => {
  it.each([
    ['approves at the deadline when nobody objected', {}, 4, 'approve'],
    ['approves a late run too (a restart across the deadline)', {}, 30, 'approve'],
    ['waits before the deadline', {}, 3.9, 'not_yet'],
    [
      'leaves an objected change to its normal vote',
      { window: { ...window, objectedAt: NOW } },
      5,
      'objected',
    ],
    ['does nothing a second time', { window: { ...window, approvedAt: hoursAfter(NOW, 4) } }, 5, 'moot'],
    ['does nothing to an edited change (another version)', { version: 2 }, 5, 'moot'],
    ['does nothing to a change decided by votes meanwhile', { state: 'scheduled' }, 5, 'moot'],
  ] as const)('%s', (_what, overrides, atHours, expected) => {
    const input = {
      state: 'authorise' as const,
      version: 1,
      window,
      now: hoursAfter(NOW, atHours),
      ...overrides,
    };
    expect(deadlineOutcome(input)).toBe(expected);
  });
});

describe('checking an objection', () => {
  const base = {
    state: 'authorise' as const,
    window,
    currentVersion: 1,
    votedVersion: 1,
    isMember: true,
    isRequester: false,
    reason: 'Not before the release.',
    now: hoursAfter(NOW, 1),
  };
  it.each([
    ['a member with a reason before the deadline', {}, 'ok'],
    ['after the deadline', { now: hoursAfter(NOW, 4) }, 'window_closed'],
    ['without a reason', { reason: '  ' }, 'reason_required'],
    ['by someone not on the board', { isMember: false }, 'not_cab_member'],
    ['by the requester', { isRequester: true }, 'self_objection'],
    ['a second time', { window: { ...window, objectedAt: NOW } }, 'already_objected'],
    ['on a change without a window', { window: null }, 'no_objection_window'],
    ['on an old version', { votedVersion: 0 }, 'stale_version'],
  ] as const)('%s → %s', (_what, overrides, expected) => {
    const r = checkObjection({ ...base, ...overrides });
    expect(r.ok ? 'ok' : r.error.code).toBe(expected);
  });
});
