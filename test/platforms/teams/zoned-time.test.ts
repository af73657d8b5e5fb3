import { describe, expect, it } from 'vitest';
import {
  fromFormInputs,
  pickFormInputs,
  toFormInputs,
} from '../../../src/platforms/teams/forms/form-inputs.ts';
import { instantToZoned, isTimeZone, zonedToInstant } from '../../../src/platforms/teams/forms/zoned-time.ts';

describe('wall-clock times in a time zone', () => {
  it('reads a Berlin winter time as UTC+1 and a summer time as UTC+2', () => {
    expect(zonedToInstant('2026-03-06', '10:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-06T09:00:00.000Z',
    );
    expect(zonedToInstant('2026-07-06', '10:00', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-07-06T08:00:00.000Z',
    );
    expect(zonedToInstant('2026-03-06', '10:00', 'America/New_York')?.toISOString()).toBe(
      '2026-03-06T15:00:00.000Z',
    );
  });

  it('moves a time skipped by the spring-forward change forward by the gap', () => {
    // Berlin jumps from 02:00 to 03:00 on 29 March 2026: 02:30 does not exist and becomes 03:30 CEST.
    expect(zonedToInstant('2026-03-29', '02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('resolves a time that occurs twice at the fall-back change to its second occurrence', () => {
    // Berlin goes from 03:00 back to 02:00 on 25 October 2026: 02:30 happens at 00:30Z and again at 01:30Z.
    expect(zonedToInstant('2026-10-25', '02:30', 'Europe/Berlin')?.toISOString()).toBe(
      '2026-10-25T01:30:00.000Z',
    );
  });

  it('refuses dates and times that do not exist on any calendar', () => {
    expect(zonedToInstant('2026-02-31', '10:00', 'Europe/Berlin')).toBeNull();
    expect(zonedToInstant('2026-03-06', '25:00', 'Europe/Berlin')).toBeNull();
    expect(zonedToInstant('06/03/2026', '10:00', 'Europe/Berlin')).toBeNull();
  });

  it('turns an instant back into the date and time a reader in that zone would type', () => {
    expect(instantToZoned(new Date('2026-03-06T09:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-06',
      time: '10:00',
    });
    expect(instantToZoned(new Date('2026-03-06T23:30:00Z'), 'Asia/Tokyo')).toEqual({
      date: '2026-03-07',
      time: '08:30',
    });
  });

  it('knows IANA time zones and nothing else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('the Teams form inputs', () => {
  it('turns a date and a time into one instant, a half-filled pair into "missing" and nonsense into "invalid"', () => {
    const values = fromFormInputs(
      {
        plannedStartDate: '2026-03-06',
        plannedStartTime: '10:00',
        plannedEndDate: '2026-03-06',
        plannedEndTime: 'soon',
      },
      'Europe/Berlin',
    );
    expect(values.plannedStart).toBe('2026-03-06T09:00:00.000Z');
    expect(values.plannedEnd).toBe('invalid');
    expect(fromFormInputs({ plannedStartDate: '2026-03-06' }, 'Europe/Berlin').plannedStart).toBe('');
  });

  it('keeps an edited window that starts in the repeated hour of a fall-back night where it was', () => {
    // 02:30 in Berlin on 25 October 2026 happens twice; the stored start is the first (00:30Z).
    const stored = {
      plannedStart: new Date('2026-10-25T00:30:00Z'),
      plannedEnd: new Date('2026-10-25T03:00:00Z'),
    };
    const inputs = toFormInputs(
      { plannedStart: stored.plannedStart.toISOString(), plannedEnd: stored.plannedEnd.toISOString() },
      'Europe/Berlin',
    );
    expect(fromFormInputs(inputs, 'Europe/Berlin', stored).plannedStart).toBe('2026-10-25T00:30:00.000Z');
    // Without the stored window the reading is the later 02:30, and a changed time is read afresh.
    expect(fromFormInputs(inputs, 'Europe/Berlin').plannedStart).toBe('2026-10-25T01:30:00.000Z');
    const moved = { ...inputs, plannedStartTime: '01:30' };
    expect(fromFormInputs(moved, 'Europe/Berlin', stored).plannedStart).toBe('2026-10-24T23:30:00.000Z');
  });

  it('splits the comma-separated multi-select into a list', () => {
    expect(fromFormInputs({ services: 'wiki, crm,' }, 'UTC').services).toEqual(['wiki', 'crm']);
  });

  it('prefills the inputs from stored values in the reader’s zone', () => {
    expect(
      toFormInputs(
        { title: 'T', services: ['wiki', 'crm'], plannedStart: '2026-03-06T09:00:00.000Z' },
        'Europe/Berlin',
      ),
    ).toEqual({
      title: 'T',
      services: 'wiki,crm',
      plannedStartDate: '2026-03-06',
      plannedStartTime: '10:00',
    });
  });

  it('keeps only the form’s inputs from an action’s data', () => {
    expect(
      pickFormInputs({ title: 'T', tz: 'UTC', changeId: 3, plannedEndTime: '12:00', evil: 'x' }),
    ).toEqual({
      title: 'T',
      plannedEndTime: '12:00',
    });
  });
});
