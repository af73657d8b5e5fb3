import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../../src/domain/release/duration.ts';
import { isLate, planReminders, reviewNudgeAt } from '../../../src/domain/release/reminder-plan.ts';

describe('durations', () => {
  it.each([
    ['24h', 1440],
    ['1h', 60],
    ['15m', 15],
    ['1m', 1],
    ['1h30m', 90],
    ['2d', 2880],
    [' 45M ', 45],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: minutes });
  });
  it.each(['', '0m', '10s', '1.5h', 'soon', 'h'])('refuses %j', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
  it.each([
    [1440, '24h'],
    [90, '1h30m'],
    [15, '15m'],
  ])('%i minutes reads %s', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });
});

describe('reminder plans', () => {
  const start = new Date('2026-03-10T09:00:00Z');
  const end = new Date('2026-03-10T11:00:00Z');
  const plan = { before: [1440, 60, 15], cutoff: 120, overdue: 60, review: 1440 };
  const at = (r: { key: string; at: Date; label: string }) => [r.key, r.at.toISOString(), r.label];

  it('plans T-24h, the cut-off, T-1h, T-15m and the overdue nudge in time order', () => {
    expect(planReminders(plan, { start, end }, new Date('2026-03-01T00:00:00Z')).map(at)).toEqual([
      ['before:1440', '2026-03-09T09:00:00.000Z', 'T-24h'],
      ['cutoff:120', '2026-03-10T07:00:00.000Z', 'cut-off (T-2h)'],
      ['before:60', '2026-03-10T08:00:00.000Z', 'T-1h'],
      ['before:15', '2026-03-10T08:45:00.000Z', 'T-15m'],
      ['overdue:60', '2026-03-10T12:00:00.000Z', 'overdue (end+1h)'],
    ]);
  });

  it('leaves out what is already past when a release is planned late', () => {
    const keys = planReminders(plan, { start, end }, new Date('2026-03-10T07:30:00Z')).map((r) => r.key);
    expect(keys).toEqual(['before:60', 'before:15', 'overdue:60']);
  });

  it('plans no cut-off or overdue nudge when the model turns them off', () => {
    const keys = planReminders(
      { before: [60], cutoff: null, overdue: null, review: null },
      { start, end },
      new Date(0),
    );
    expect(keys.map((r) => r.key)).toEqual(['before:60']);
  });

  it('nudges for the review after completion, and marks a reminder sent over a minute late', () => {
    expect(reviewNudgeAt(plan, end)?.toISOString()).toBe('2026-03-11T11:00:00.000Z');
    expect(reviewNudgeAt({ ...plan, review: null }, end)).toBeNull();
    expect(isLate(start, new Date(start.getTime() + 60_000))).toBe(false);
    expect(isLate(start, new Date(start.getTime() + 61_000))).toBe(true);
  });
});
