import type { ScheduledChangeRow } from '../../db/schedule-repo.ts';
import { formatChangeKey } from '../../domain/change/change-key.ts';
import { STATE_LABELS } from '../../domain/change/lifecycle.ts';
import { RISK_LABELS } from '../../domain/change/risk.ts';
import type { ChangeState } from '../../domain/change/types.ts';
import type { Interval, ScheduledItem, ScheduledKind } from '../../domain/schedule/types.ts';
import { TYPE_LABELS } from '../../domain/views/change-card.ts';
import type { AppContext } from '../context.ts';
import { releaseScheduleSource } from '../release/release-schedule-source.ts';

/** Changes that still hold their window: they conflict with a new one and appear on the calendar. */
export const HOLDING_STATES: readonly ChangeState[] = [
  'new',
  'assess',
  'authorise',
  'scheduled',
  'implement',
];
/** A withdrawn change keeps its event in calendar feeds, marked cancelled. */
const WITHDRAWN_STATES: readonly ChangeState[] = ['cancelled', 'rejected', 'expired'];
/** Also shown on the calendar (done or in review), though they no longer conflict. */
const PAST_STATES: readonly ChangeState[] = ['review', 'closed'];

/** A change as a scheduled item: key, title, services, window, state and its type and risk. */
export function changeItem(row: ScheduledChangeRow): ScheduledItem {
  return {
    kind: 'change',
    id: row.id,
    key: formatChangeKey(row.id),
    title: row.title,
    services: row.services,
    window: { start: row.plannedStart, end: row.plannedEnd },
    state: row.state,
    details: [`${TYPE_LABELS[row.type]} change`, `${RISK_LABELS[row.riskLevel]} risk`],
    // An edit bumps the version; a withdrawal is one more revision on top.
    sequence: row.version - 1 + (WITHDRAWN_STATES.includes(row.state) ? 1 : 0),
    updatedAt: row.updatedAt,
    withdrawn: WITHDRAWN_STATES.includes(row.state),
    past: PAST_STATES.includes(row.state),
  };
}

/**
 * Where scheduled items come from. Changes are one source; releases (issue 8) add theirs to SCHEDULE_SOURCES
 * and appear in conflicts, the slot finder, the calendar and the ICS feed without further changes here.
 */
export interface ScheduleSource {
  readonly kind: ScheduledKind;
  /** Items on any of `services` whose window overlaps `range`, still holding their window (indexed, bounded). */
  touching(ctx: AppContext, services: readonly string[], range: Interval): ScheduledItem[];
  /** Items whose window overlaps `range`, for the calendar; `withdrawn` adds cancelled ones (for ICS). */
  between(ctx: AppContext, range: Interval, limit: number, withdrawn: boolean): ScheduledItem[];
  /** How the item's state reads, e.g. "Scheduled". */
  stateLabel(item: ScheduledItem): string;
}

export const changeSource: ScheduleSource = {
  kind: 'change',
  touching: (ctx, services, range) =>
    ctx.repos.schedule.changesTouching(services, range, HOLDING_STATES).map(changeItem),
  between: (ctx, range, limit, withdrawn) =>
    ctx.repos.schedule
      .changesBetween(range, limit, [
        ...HOLDING_STATES,
        ...PAST_STATES,
        ...(withdrawn ? WITHDRAWN_STATES : []),
      ])
      .map(changeItem),
  stateLabel: (item) => STATE_LABELS[item.state as ChangeState] ?? item.state,
};

export const SCHEDULE_SOURCES: readonly ScheduleSource[] = [changeSource, releaseScheduleSource];

const byStart = (a: ScheduledItem, b: ScheduledItem) =>
  a.window.start.getTime() - b.window.start.getTime() || a.key.localeCompare(b.key);

export function itemsTouching(
  ctx: AppContext,
  services: readonly string[],
  range: Interval,
): ScheduledItem[] {
  return SCHEDULE_SOURCES.flatMap((s) => s.touching(ctx, services, range)).sort(byStart);
}

export function itemsBetween(
  ctx: AppContext,
  range: Interval,
  limit: number,
  withdrawn = false,
): ScheduledItem[] {
  return SCHEDULE_SOURCES.flatMap((s) => s.between(ctx, range, limit, withdrawn))
    .sort(byStart)
    .slice(0, limit);
}

export function stateLabelOf(item: ScheduledItem): string {
  return SCHEDULE_SOURCES.find((s) => s.kind === item.kind)?.stateLabel(item) ?? item.state;
}
