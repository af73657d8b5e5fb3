import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explainStoredChange } from '../../src/app/approval/explain-change.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { hoursAfter, makeDraft, NOW } from '../domain/fixtures.ts';
import { schedulePlatformPolicy } from '../helpers/schedule-policy.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

let h: AppHarness;
beforeEach(() => {
  h = createAppHarness({ policy: schedulePlatformPolicy() });
});
afterEach(() => h.close());

function raise(overrides: Parameters<typeof makeDraft>[0] = {}, freezeJustification?: string): number {
  const raised = raiseChange(h.ctx, h.slackActor('UREQ', 'Rita', 'rita@example.com'), {
    draft: { ...makeDraft(overrides), ...(freezeJustification ? { freezeJustification } : {}) },
  });
  if (!raised.ok) throw new Error(raised.error.message);
  return raised.value.change.id;
}
const scheduleLines = (id: number) =>
  explainStoredChange(h.ctx, id)?.sections.find((s) => s.id === 'schedule')?.lines;

describe('explain CHG-n: the schedule section', () => {
  it('names every change overlapping the window on the same services, as the card does', () => {
    const first = raise({ title: 'Upgrade the wiki' });
    expect(scheduleLines(first)).toEqual(['None known for its window.']);
    const second = raise({
      title: 'Reindex the wiki',
      plannedStart: hoursAfter(NOW, 97),
      plannedEnd: hoursAfter(NOW, 99),
    });
    // Read in the policy's zone (Berlin is UTC+1 in March).
    expect(h.ctx.policy.defaults.timezone).toBe('Europe/Berlin');
    expect(scheduleLines(first)).toEqual([
      `Overlaps CHG-${second} Reindex the wiki (Awaiting approval), Fri 6 Mar 11:00–13:00 (Europe/Berlin), on the same services.`,
    ]);
    expect(scheduleLines(second)).toEqual([
      `Overlaps CHG-${first} Upgrade the wiki (Awaiting approval), Fri 6 Mar 10:00–12:00 (Europe/Berlin), on the same services.`,
    ]);
  });

  it('names the freezes the window is inside, with their message and the justification', () => {
    const emergency = raise({
      type: 'emergency',
      plannedStart: new Date('2026-03-11T09:00:00Z'),
      plannedEnd: new Date('2026-03-11T10:00:00Z'),
    });
    expect(scheduleLines(emergency)).toEqual([
      'Inside the hard freeze "Quarter close": only emergency changes may go ahead, as this one does. Finance closes the quarter.',
    ]);
    const soft = raise(
      { plannedStart: new Date('2026-03-13T09:00:00Z'), plannedEnd: new Date('2026-03-13T10:00:00Z') },
      'The migration needs the new editor.',
    );
    expect(scheduleLines(soft)).toEqual([
      'Inside the soft freeze "Wiki migration": a written justification is needed.',
      'Freeze justification from the requester: The migration needs the new editor.',
    ]);
  });

  it('says when the window is outside a service’s maintenance windows', () => {
    const crm = raise({ services: ['crm'] });
    expect(scheduleLines(crm)).toEqual(['Outside the maintenance windows of CRM.']);
  });
});
