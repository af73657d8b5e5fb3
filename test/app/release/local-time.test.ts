import { describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../../src/app/release/local-time.ts';

describe('parseLocalDateTime (/release move)', () => {
  it('reads a wall-clock time in the zone, and an instant with an offset as it is', () => {
    expect(parseLocalDateTime('2026-03-12T10:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-12T09:00:00.000Z',
    );
    expect(parseLocalDateTime('2026-03-12 9:30', 'UTC')?.toISOString()).toBe('2026-03-12T09:30:00.000Z');
    expect(parseLocalDateTime('2026-03-12T10:00Z', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-12T10:00:00.000Z',
    );
  });

  it.each([
    '2026-02-31T10:00',
    '2026-02-29T10:00',
    '2026-03-12T24:30',
    '2026-03-12T10:60',
    '2026-13-01T10:00',
    '0099-01-01T10:00',
    '2026-02-31T10:00Z',
  ])('refuses %s, a time that does not exist, rather than rolling it over', (text) => {
    expect(parseLocalDateTime(text, 'Europe/Berlin')).toBeNull();
  });
});
