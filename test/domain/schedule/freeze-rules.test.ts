import { describe, expect, it } from 'vitest';
import type { ChangeType } from '../../../src/domain/change/types.ts';
import { findConflicts } from '../../../src/domain/schedule/conflicts.ts';
import { hardFreezesAt, isInHardFreeze, judgeFreezes } from '../../../src/domain/schedule/freeze-rules.ts';
import { at, cronFreeze, onceFreeze, schedulePolicy } from './schedule-fixtures.ts';

const policy = schedulePolicy([
  onceFreeze('Year end', '2026-12-21T00:00:00Z', '2027-01-04T00:00:00Z', { message: 'Books are closing.' }),
  cronFreeze('Weekend', '0 18 * * 5', 'Europe/Berlin', 62 * 60, { level: 'soft', services: ['web'] }),
]);

const judge = (start: string, end: string, type: ChangeType, justification = '', services = ['web']) =>
  judgeFreezes(
    findConflicts(policy, { services, window: { start: at(start), end: at(end) } }, []),
    type,
    justification,
  );

describe('judgeFreezes: hard, soft and emergency', () => {
  it.each([
    ['normal, no freeze', '2026-03-03T10:00:00Z', 'normal', '', null, false],
    ['normal, hard freeze', '2026-12-22T10:00:00Z', 'normal', '', 'hard_freeze', true],
    ['standard, hard freeze', '2026-12-22T10:00:00Z', 'standard', '', 'hard_freeze', true],
    ['normal, hard freeze, justified', '2026-12-22T10:00:00Z', 'normal', 'Because.', 'hard_freeze', true],
    ['emergency, hard freeze', '2026-12-22T10:00:00Z', 'emergency', '', null, true],
    [
      'normal, soft freeze, unjustified',
      '2026-03-07T10:00:00Z',
      'normal',
      '  ',
      'freeze_justification_required',
      true,
    ],
    ['normal, soft freeze, justified', '2026-03-07T10:00:00Z', 'normal', 'Fixes checkout.', null, true],
    ['emergency, soft freeze', '2026-03-07T10:00:00Z', 'emergency', '', null, true],
  ] as const)('%s → %s', (_name, start, type, justification, code, inside) => {
    const end = new Date(at(start).getTime() + 3_600_000).toISOString();
    const verdict = judge(start, end, type, justification);
    expect(verdict.refusal?.code ?? null).toBe(code);
    expect(verdict.insideFreeze).toBe(inside);
  });

  it('puts a hard freeze on the window field with its name and message, a soft one on the justification', () => {
    expect(judge('2026-12-22T10:00:00Z', '2026-12-22T11:00:00Z', 'normal').refusal).toEqual({
      code: 'hard_freeze',
      field: 'plannedStart',
      message:
        'This window is inside the change freeze "Year end"; only emergency changes are allowed. Books are closing. Pick another window.',
    });
    expect(judge('2026-03-07T10:00:00Z', '2026-03-07T11:00:00Z', 'normal').refusal?.field).toBe(
      'freezeJustification',
    );
  });

  it('ignores a soft freeze on another service', () => {
    expect(judge('2026-03-07T10:00:00Z', '2026-03-07T11:00:00Z', 'normal', '', ['wiki'])).toEqual({
      refusal: null,
      insideFreeze: false,
    });
  });
});

describe('isInHardFreeze (for deployment gates)', () => {
  it.each([
    ['web', '2026-12-25T12:00:00Z', true],
    ['wiki', '2027-01-03T23:59:59Z', true],
    ['web', '2027-01-04T00:00:00Z', false],
    ['web', '2026-03-07T12:00:00Z', false], // soft freeze only
    ['web', '2026-12-20T23:59:59Z', false],
  ])('%s at %s → %s', (service, instant, expected) => {
    expect(isInHardFreeze(policy, service, at(instant))).toBe(expected);
  });

  it('names the freeze it is in', () => {
    expect(hardFreezesAt(policy, 'web', at('2026-12-25T12:00:00Z')).map((h) => h.freeze.name)).toEqual([
      'Year end',
    ]);
  });
});

describe('a recurring weekend freeze across daylight saving time', () => {
  // Fridays 18:00 Berlin for 62 hours of wall-clock time: until Monday 08:00 Berlin, whatever the clocks do.
  const weekend = schedulePolicy([cronFreeze('Weekend', '0 18 * * 5', 'Europe/Berlin', 62 * 60)]);

  it.each([
    // Spring forward (29 March): Friday 18:00 CET is 17:00Z; Monday 08:00 CEST is 06:00Z (61 real hours).
    ['2026-03-27T17:00:00Z', true],
    ['2026-03-30T05:59:00Z', true],
    ['2026-03-30T06:00:00Z', false],
    // Fall back (25 October): Friday 18:00 CEST is 16:00Z; Monday 08:00 CET is 07:00Z (63 real hours).
    ['2026-10-23T15:59:00Z', false],
    ['2026-10-23T16:00:00Z', true],
    ['2026-10-26T06:59:00Z', true],
    ['2026-10-26T07:00:00Z', false],
  ])('web at %s → %s', (instant, expected) => {
    expect(isInHardFreeze(weekend, 'web', at(instant))).toBe(expected);
  });
});
