import type { ReleaseRecord } from '../../db/release-repo.ts';
import type { Interval } from '../../domain/schedule/types.ts';
import type { AppContext } from '../context.ts';
import { outbox } from '../jobs/outbox.ts';
import { itemsTouching } from '../schedule/sources.ts';
import { releaseItem } from './release-schedule-source.ts';

/**
 * In the caller's transaction: refresh the cards of every change overlapping a release's window (and its
 * old window, when it moved) on its model's services, so their schedule section names the release or stops
 * naming it. The same indexed lookup as the change schedule's conflicts.
 */
export function refreshChangesAround(
  ctx: AppContext,
  release: ReleaseRecord,
  now: Date,
  windows: readonly Interval[] = [{ start: release.plannedStart, end: release.plannedEnd }],
): void {
  const { services } = releaseItem(ctx, release);
  if (services.length === 0) return;
  const ids = new Set<number>();
  for (const window of windows)
    for (const item of itemsTouching(ctx, services, window)) if (item.kind === 'change') ids.add(item.id);
  const jobs = outbox(ctx, now);
  for (const id of ids) jobs.refreshCards(id);
}
