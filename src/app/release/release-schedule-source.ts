import type { ReleaseRecord } from '../../db/release-repo.ts';
import { MAX_WINDOW_DAYS } from '../../domain/change/validate-draft.ts';
import { RELEASE_STATE_LABELS } from '../../domain/release/lifecycle.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { ReleaseState } from '../../domain/release/types.ts';
import type { ScheduledItem } from '../../domain/schedule/types.ts';
import type { AppContext } from '../context.ts';
import type { ScheduleSource } from '../schedule/sources.ts';

/** Releases that still hold their window: they conflict with a change on their services. */
const HOLDING: readonly ReleaseState[] = ['planned', 'ready', 'in_progress'];
/** Done, still shown on the calendar. */
const PAST: readonly ReleaseState[] = ['completed'];
/** Gave up their window; kept in calendar feeds as cancelled events. */
const WITHDRAWN: readonly ReleaseState[] = ['cancelled', 'skipped'];
/** Releases near a window are few (trains and hotfixes); this bounds a conflict lookup all the same. */
const TOUCHING_LIMIT = 500;
const DAY_MS = 86_400_000;

/**
 * The longest window a release may have: 14 days (as a change), or its model's window if longer. Planning
 * and moving a release refuse longer ones, so the schedule's lookups can start this far before a range.
 */
export const longestReleaseWindowMs = (ctx: AppContext): number =>
  Math.max(
    MAX_WINDOW_DAYS * DAY_MS,
    ...(ctx.policy.releaseModels ?? []).map((m) => m.windowMinutes * 60_000),
  );
const lookbackMs = longestReleaseWindowMs;

const modelOf = (ctx: AppContext, modelId: string) =>
  (ctx.policy.releaseModels ?? []).find((m) => m.id === modelId) ?? null;

/** A release instance as a scheduled item: REL-n, its name, its model's services, its window and state. */
export function releaseItem(ctx: AppContext, release: ReleaseRecord): ScheduledItem {
  const model = modelOf(ctx, release.modelId);
  const withdrawn = WITHDRAWN.includes(release.state);
  return {
    kind: 'release',
    id: release.id,
    key: formatReleaseKey(release.id),
    title: release.name,
    services: model?.services ?? [],
    window: { start: release.plannedStart, end: release.plannedEnd },
    state: release.state,
    details: [`Release of ${model?.name ?? release.modelId}`],
    sequence: release.version - 1 + (withdrawn ? 1 : 0),
    updatedAt: release.updatedAt,
    withdrawn,
    past: PAST.includes(release.state),
  };
}

/**
 * Releases on the change schedule (ITIL release management feeding the change schedule): a change raised
 * onto a release's window on one of its model's services overlaps it, and the calendar and feed show it.
 * A model with no services ("any service") shows on the calendar but names no service to conflict on.
 */
export const releaseScheduleSource: ScheduleSource = {
  kind: 'release',
  touching: (ctx, services, range) =>
    ctx.repos.releases
      .listOverlapping(range, HOLDING, lookbackMs(ctx), TOUCHING_LIMIT)
      .map((r) => releaseItem(ctx, r))
      .filter((item) => item.services.some((s) => services.includes(s))),
  between: (ctx, range, limit, withdrawn) =>
    ctx.repos.releases
      .listOverlapping(range, [...HOLDING, ...PAST, ...(withdrawn ? WITHDRAWN : [])], lookbackMs(ctx), limit)
      .map((r) => releaseItem(ctx, r)),
  stateLabel: (item) => RELEASE_STATE_LABELS[item.state as ReleaseState] ?? item.state,
};
