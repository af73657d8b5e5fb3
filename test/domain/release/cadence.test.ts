import { describe, expect, it } from 'vitest';
import { checkCadence, nextOccurrence, occurrencesBetween } from '../../../src/domain/release/cadence.ts';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const between = (cron: string, timezone: string, from: string, to: string) =>
  iso(occurrencesBetween({ cron, timezone }, new Date(from), new Date(to)));

describe('next occurrences of a release train', () => {
  it.each([
    // A weekly train every Tuesday 10:00 Berlin: 08:00Z in summer time, 09:00Z once the clocks go back.
    [
      '0 10 * * 2',
      'Europe/Berlin',
      '2026-10-15T12:00Z',
      '2026-11-05T00:00Z',
      ['2026-10-20T08:00:00.000Z', '2026-10-27T09:00:00.000Z', '2026-11-03T09:00:00.000Z'],
    ],
    // New York springs forward on 8 March 2026: 10:00 local moves from 15:00Z to 14:00Z.
    [
      '0 10 * * TUE',
      'America/New_York',
      '2026-03-01T12:00Z',
      '2026-03-20T00:00Z',
      ['2026-03-03T15:00:00.000Z', '2026-03-10T14:00:00.000Z', '2026-03-17T14:00:00.000Z'],
    ],
    // The spring-forward gap: 02:30 does not exist on 29 March in Berlin, so that day's release is at 03:00.
    [
      '30 2 * * *',
      'Europe/Berlin',
      '2026-03-27T12:00Z',
      '2026-03-31T00:00Z',
      ['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z'],
    ],
    // The fall-back overlap: 02:30 happens twice on 25 October; the release is planned once, at the first.
    [
      '30 2 * * *',
      'Europe/Berlin',
      '2026-10-23T12:00Z',
      '2026-10-27T00:00Z',
      ['2026-10-24T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z'],
    ],
    // A monthly release on the first Monday (Kolkata has no DST: always 04:30Z).
    [
      '0 10 * * MON#1',
      'Asia/Kolkata',
      '2026-01-01T00:00Z',
      '2026-03-31T00:00Z',
      ['2026-01-05T04:30:00.000Z', '2026-02-02T04:30:00.000Z', '2026-03-02T04:30:00.000Z'],
    ],
  ])('%s in %s from %s to %s', (cron, tz, from, to, expected) => {
    expect(between(cron, tz, from, to)).toEqual(expected);
  });

  it('starts strictly after the given instant', () => {
    const at = new Date('2026-10-20T08:00:00.000Z');
    expect(nextOccurrence({ cron: '0 10 * * 2', timezone: 'Europe/Berlin' }, at)?.toISOString()).toBe(
      '2026-10-27T09:00:00.000Z',
    );
  });

  it('refuses a cron expression it cannot read, and six fields (a release needs no seconds)', () => {
    expect(checkCadence({ cron: '0 10 * * 2', timezone: 'Europe/Berlin' }).ok).toBe(true);
    expect(checkCadence({ cron: 'every tuesday', timezone: 'UTC' }).ok).toBe(false);
    expect(checkCadence({ cron: '0 0 10 * * 2', timezone: 'UTC' }).ok).toBe(false);
  });
});
