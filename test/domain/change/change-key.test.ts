import { describe, expect, it } from 'vitest';
import { formatChangeKey, parseChangeKey } from '../../../src/domain/change/change-key.ts';

describe('formatChangeKey', () => {
  it.each([
    [1, 'CHG-1'],
    [1042, 'CHG-1042'],
  ])('formats change %i as %s', (id, key) => {
    expect(formatChangeKey(id)).toBe(key);
  });
});

describe('parseChangeKey', () => {
  it.each([
    ['CHG-1042', 1042],
    ['chg-1042', 1042],
    ['Chg-7', 7],
    [' 1042 ', 1042],
    ['1042', 1042],
    ['  CHG-1042\n', 1042],
  ])('reads %j as change %i', (text, id) => {
    expect(parseChangeKey(text)).toBe(id);
  });

  it.each([
    '',
    '   ',
    '0',
    'CHG-0',
    '-5',
    'CHG--5',
    'CHG-',
    'CHG 1042',
    'CHG-10a',
    '10.5',
    '1e3',
    'INC-1042',
    '#1042',
    'CHG-1042 please',
    '99999999999999999999',
  ])('rejects %j', (text) => {
    expect(parseChangeKey(text)).toBeNull();
  });

  it('reads back every key it formats', () => {
    for (const id of [1, 9, 10, 1042, 123456]) expect(parseChangeKey(formatChangeKey(id))).toBe(id);
  });
});
