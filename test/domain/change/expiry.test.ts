import { describe, expect, it } from 'vitest';
import { expiryFor, isExpired, reminderAt } from '../../../src/domain/change/expiry.ts';
import type { ChangeState } from '../../../src/domain/change/types.ts';
import { DEFAULTS, hoursAfter, NOW } from '../fixtures.ts';

describe('expiryFor', () => {
  it('expires a change the policy’s hours after submission', () => {
    expect(expiryFor(NOW, { ...DEFAULTS, expiryHours: 72 })).toEqual(new Date('2026-03-05T09:00:00Z'));
  });

  it('handles fractional hours', () => {
    expect(expiryFor(NOW, { ...DEFAULTS, expiryHours: 1.5 })).toEqual(new Date('2026-03-02T10:30:00Z'));
  });
});

describe('isExpired', () => {
  const expiresAt = hoursAfter(NOW, 72);

  it.each([
    ['authorise', hoursAfter(NOW, 71.99), false],
    ['authorise', expiresAt, true],
    ['authorise', hoursAfter(NOW, 80), true],
    ['assess', hoursAfter(NOW, 80), true],
    ['assess', hoursAfter(NOW, 1), false],
    ['new', hoursAfter(NOW, 80), false],
    ['scheduled', hoursAfter(NOW, 80), false],
    ['implement', hoursAfter(NOW, 80), false],
    ['rejected', hoursAfter(NOW, 80), false],
    ['expired', hoursAfter(NOW, 80), false],
  ] as [ChangeState, Date, boolean][])(
    'for a change in %s at %s says expired: %s',
    (state, now, expected) => {
      expect(isExpired(state, expiresAt, now)).toBe(expected);
    },
  );

  it('never expires a change without an expiry time', () => {
    expect(isExpired('authorise', null, hoursAfter(NOW, 10_000))).toBe(false);
  });
});

describe('reminderAt', () => {
  it('reminds the policy’s hours after submission', () => {
    expect(reminderAt(NOW, { ...DEFAULTS, reminderHours: 24, expiryHours: 72 })).toEqual(hoursAfter(NOW, 24));
  });

  it.each([
    ['reminders are off', 0, 72],
    ['the reminder would come at expiry', 72, 72],
    ['the reminder would come after expiry', 96, 72],
  ])('does not remind when %s', (_why, reminderHours, expiryHours) => {
    expect(reminderAt(NOW, { ...DEFAULTS, reminderHours, expiryHours })).toBeNull();
  });
});
