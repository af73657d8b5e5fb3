import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { createRelease } from '../../../src/app/release/create-release.ts';
import { cancelRelease, moveWindow } from '../../../src/app/release/manage-release.ts';
import { assessChangeSchedule } from '../../../src/app/schedule/assess-change.ts';
import { calendarPage } from '../../../src/app/schedule/calendar.ts';
import { cardSchedule } from '../../../src/app/schedule/card-schedule.ts';
import { buildIcsFeed } from '../../../src/app/schedule/ics-feed.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { hoursAfter, makeDraft, NOW } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';
import { releasePolicy } from '../release/release-fixture.ts';

let h: AppHarness;
let rita: Actor;
beforeEach(() => {
  h = createAppHarness({ policy: releasePolicy() });
  syncPolicyPeople(h.ctx);
  rita = h.slackActor('UREQ', 'Rita', 'rita@example.com');
});
afterEach(() => h.close());

/** A release of the weekly web train (wiki and web) from NOW + 97 h for two hours. */
function planRelease(modelId = 'web-train', name = 'Web 2026.10') {
  const created = createRelease(h.ctx, rita, { modelId, name, start: hoursAfter(NOW, 97), minutes: 120 });
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}
const ok = (r: { ok: boolean }) => expect(r.ok).toBe(true);
const draft = (services: string[]) => ({ ...makeDraft({ services }), freezeJustification: '' });

describe('releases on the change schedule', () => {
  it('shows a change raised onto a release window on the same service the overlap, on the card too', () => {
    const release = planRelease();
    const onWeb = assessChangeSchedule(h.ctx, draft(['web']), null);
    expect(onWeb.conflicts.overlaps.map((i) => [i.kind, i.key, i.title, i.services, i.state])).toEqual([
      ['release', `REL-${release.id}`, 'Web 2026.10', ['wiki', 'web'], 'planned'],
    ]);
    // Another service: no overlap.
    expect(assessChangeSchedule(h.ctx, draft(['crm']), null).conflicts.overlaps).toEqual([]);

    const raised = raiseChange(h.ctx, rita, { draft: makeDraft({ services: ['web'] }) });
    if (!raised.ok) throw new Error(raised.error.message);
    expect(cardSchedule(h.ctx, raised.value.change)?.overlaps).toEqual([
      {
        key: `REL-${release.id}`,
        title: 'Web 2026.10',
        stateLabel: 'Planned',
        start: hoursAfter(NOW, 97),
        end: hoursAfter(NOW, 99),
      },
    ]);
  });

  it('no longer conflicts once the release moves away or is cancelled', () => {
    const release = planRelease();
    const moved = moveWindow(h.ctx, rita, { releaseId: release.id, start: hoursAfter(NOW, 120), end: null });
    expect(moved.ok).toBe(true);
    expect(assessChangeSchedule(h.ctx, draft(['web']), null).conflicts.overlaps).toEqual([]);
    const other = planRelease('web-train', 'Web 2026.11');
    expect(cancelRelease(h.ctx, rita, { releaseId: other.id, reason: 'Nothing to ship.' }).ok).toBe(true);
    expect(assessChangeSchedule(h.ctx, draft(['web']), null).conflicts.overlaps).toEqual([]);
  });

  it('puts releases on the calendar beside changes, and in the ICS feed (a cancelled one as cancelled)', () => {
    const release = planRelease();
    const cancelled = planRelease('web-train', 'Web 2026.11');
    expect(cancelRelease(h.ctx, rita, { releaseId: cancelled.id, reason: 'Nothing to ship.' }).ok).toBe(true);
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft({ services: ['web'] }) });
    if (!raised.ok) throw new Error(raised.error.message);

    const { view } = calendarPage(h.ctx, { days: 7, page: 1, timeZone: 'UTC' });
    const items = view.shown.flatMap((d) => d.entries).filter((e) => e.kind === 'item');
    expect(items.map((e) => [e.item.key, e.stateLabel, e.conflicts])).toEqual([
      [`CHG-${raised.value.change.id}`, 'Awaiting approval', [`REL-${release.id}`]],
      [`REL-${release.id}`, 'Planned', [`CHG-${raised.value.change.id}`]],
    ]);

    const ics = buildIcsFeed(h.ctx).replace(/\r\n /g, '');
    expect(ics).toContain(`UID:release-${release.id}@changeboard`);
    expect(ics).toContain(`SUMMARY:REL-${release.id} Web 2026.10 (Planned)`);
    expect(ics).toContain('CATEGORIES:Release');
    const cancelledEvent = ics.split('BEGIN:VEVENT').find((e) => e.includes(`UID:release-${cancelled.id}@`));
    expect(cancelledEvent).toContain('STATUS:CANCELLED');
  });

  it('refreshes the cards of the changes a release is planned onto, moved off or cancelled from', () => {
    const raised = raiseChange(h.ctx, rita, { draft: makeDraft({ services: ['web'] }) });
    if (!raised.ok) throw new Error(raised.error.message);
    const changeId = raised.value.change.id;
    const elsewhere = raiseChange(h.ctx, rita, {
      draft: makeDraft({ services: ['crm'], title: 'Elsewhere' }),
    });
    if (!elsewhere.ok) throw new Error(elsewhere.error.message);
    const refreshed = (): number[] => {
      const rows = h.database.sqlite
        .prepare("SELECT payload FROM jobs WHERE kind = 'card.refresh' AND status = 'pending'")
        .all() as { payload: string }[];
      h.database.sqlite
        .prepare("UPDATE jobs SET status = 'done', dedupe_key = NULL WHERE kind = 'card.refresh'")
        .run();
      return rows.map((r) => (JSON.parse(r.payload) as { changeId: number }).changeId);
    };
    refreshed();
    const release = planRelease();
    expect(refreshed()).toEqual([changeId]);
    expect(cardSchedule(h.ctx, h.ctx.repos.changes.get(changeId)!)?.overlaps.map((o) => o.key)).toEqual([
      `REL-${release.id}`,
    ]);
    // Moved away: the change it overlapped before is refreshed and no longer names it.
    ok(moveWindow(h.ctx, rita, { releaseId: release.id, start: hoursAfter(NOW, 120), end: null }));
    expect(refreshed()).toEqual([changeId]);
    expect(cardSchedule(h.ctx, h.ctx.repos.changes.get(changeId)!)).toBeNull();
    const other = planRelease('web-train', 'Web 2026.11');
    expect(refreshed()).toEqual([changeId]);
    ok(cancelRelease(h.ctx, rita, { releaseId: other.id, reason: null }));
    expect(refreshed()).toEqual([changeId]);
    expect(cardSchedule(h.ctx, h.ctx.repos.changes.get(changeId)!)).toBeNull();
  });

  it('refuses a release window longer than the schedule looks back (14 days)', () => {
    const created = createRelease(h.ctx, rita, {
      modelId: 'hotfix',
      name: 'Long',
      start: hoursAfter(NOW, 1),
      minutes: 15 * 1440,
    });
    expect(created).toMatchObject({ ok: false, error: { code: 'window_too_long' } });
  });
});
