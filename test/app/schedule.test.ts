import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backfillChangeWindows } from '../../src/app/schedule/backfill-windows.ts';
import { editChange } from '../../src/app/use-cases/edit-change.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { draftOfChange } from '../../src/domain/change/change.ts';
import { hoursAfter, makeDraft, NOW } from '../domain/fixtures.ts';
import { schedulePlatformPolicy } from '../helpers/schedule-policy.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

let h: AppHarness;
beforeEach(() => {
  h = createAppHarness({ policy: schedulePlatformPolicy() });
});
afterEach(() => h.close());

const refreshedChanges = (): number[] =>
  (
    h.database.sqlite
      .prepare("SELECT payload FROM jobs WHERE kind = 'card.refresh' AND status = 'pending'")
      .all() as {
      payload: string;
    }[]
  ).map((r) => (JSON.parse(r.payload) as { changeId: number }).changeId);

function raise(overrides: Parameters<typeof makeDraft>[0] = {}): number {
  const raised = raiseChange(h.ctx, h.slackActor('UREQ', 'Rita', 'rita@example.com'), {
    draft: makeDraft(overrides),
  });
  if (!raised.ok) throw new Error(raised.error.message);
  return raised.value.change.id;
}

describe('the change schedule in the use cases', () => {
  it('refreshes the earlier change’s cards when a later change is raised onto an overlapping window', () => {
    const first = raise();
    expect(refreshedChanges()).toEqual([]);
    raise({ plannedStart: hoursAfter(NOW, 97), plannedEnd: hoursAfter(NOW, 99) });
    expect(refreshedChanges()).toEqual([first]);
  });

  it('leaves a change that only touches the window alone', () => {
    raise();
    raise({ plannedStart: hoursAfter(NOW, 98), plannedEnd: hoursAfter(NOW, 99) });
    expect(refreshedChanges()).toEqual([]);
  });

  it('refreshes the old neighbours of an edited change that moves away, and the new ones', () => {
    const first = raise();
    const second = raise({ plannedStart: hoursAfter(NOW, 97), plannedEnd: hoursAfter(NOW, 99) });
    const third = raise({ plannedStart: hoursAfter(NOW, 120), plannedEnd: hoursAfter(NOW, 121) });
    h.database.sqlite.prepare("UPDATE jobs SET status = 'done', dedupe_key = NULL").run();
    const change = h.ctx.repos.changes.get(second)!;
    const requester = h.ctx.repos.people.get(change.requesterId)!;
    const moved = editChange(
      h.ctx,
      { person: requester, platform: 'slack' },
      {
        changeId: second,
        expectedVersion: 1,
        draft: {
          ...draftOfChange(change),
          plannedStart: hoursAfter(NOW, 120),
          plannedEnd: hoursAfter(NOW, 122),
        },
      },
    );
    expect(moved.ok).toBe(true);
    expect(refreshedChanges().sort()).toEqual([first, second, third].sort());
  });

  it('refuses a hard-freeze window with field errors and writes nothing', () => {
    const refused = raiseChange(h.ctx, h.slackActor('UREQ', 'Rita'), {
      draft: makeDraft({
        plannedStart: new Date('2026-03-11T09:00:00Z'),
        plannedEnd: new Date('2026-03-11T10:00:00Z'),
      }),
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(Object.keys('fieldErrors' in refused.error ? refused.error.fieldErrors : {})).toEqual([
      'plannedStart',
      'plannedEnd',
    ]);
    expect(h.database.sqlite.prepare('SELECT count(*) AS n FROM changes').get()).toEqual({ n: 0 });
  });

  it('indexes at start-up the windows of open changes raised before the index existed, once', () => {
    const first = raise();
    h.database.sqlite.prepare('DELETE FROM change_windows').run();
    expect(backfillChangeWindows(h.ctx)).toBe(1);
    expect(backfillChangeWindows(h.ctx)).toBe(0);
    raise({ plannedStart: hoursAfter(NOW, 97), plannedEnd: hoursAfter(NOW, 99) });
    expect(refreshedChanges()).toContain(first);
  });

  it('records in the audit trail who scheduled a change inside which freeze, and the justification', () => {
    const id = raise({
      plannedStart: new Date('2026-03-13T09:00:00Z'),
      plannedEnd: new Date('2026-03-13T10:00:00Z'),
      freezeJustification: 'Vendor deadline.',
    });
    const events = h.database.sqlite
      .prepare('SELECT action, reason, data, actor_name FROM audit_events WHERE change_id = ? ORDER BY seq')
      .all(id) as { action: string; reason: string | null; data: string; actor_name: string }[];
    expect(events.map((e) => e.action)).toEqual(['change.raised', 'schedule.inside_freeze']);
    expect(events[1]).toMatchObject({ reason: 'Vendor deadline.', actor_name: 'Rita' });
    expect(JSON.parse(events[1]!.data)).toEqual({
      freezes: [{ name: 'Wiki migration', level: 'soft' }],
      type: 'normal',
    });
  });
});
