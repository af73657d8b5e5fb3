import type { ChangeDraft } from '../../domain/change/types.ts';
import { findFreeSlots } from '../../domain/schedule/slot-finder.ts';
import {
  buildScheduleAdvice,
  PENDING_ADVICE,
  type ScheduleAdviceView,
} from '../../domain/views/schedule-advice.ts';
import type { AppContext } from '../context.ts';
import { assessChangeSchedule } from './assess-change.ts';
import { itemsTouching, stateLabelOf } from './sources.ts';

/** How far ahead the slot finder looks. */
export const SLOT_HORIZON_DAYS = 30;
const DAY_MS = 86_400_000;
const DEFAULT_DURATION_MS = 60 * 60_000;

type Draft = Pick<ChangeDraft, 'type' | 'services' | 'plannedStart' | 'plannedEnd' | 'freezeJustification'>;

const valid = (d: Date) => !Number.isNaN(d.getTime());

/**
 * The form's schedule check for a window being chosen (nothing is written): refusals, warnings and the next
 * three free windows of the same length. Only a request to pick services when none is picked yet.
 */
export function adviseWindow(
  ctx: AppContext,
  draft: Draft,
  opts: { readonly timeZone: string; readonly selfId: number | null },
): ScheduleAdviceView {
  const services = [...new Set(draft.services)].filter((s) => ctx.policy.services.some((p) => p.id === s));
  if (services.length === 0) return PENDING_ADVICE;
  const now = ctx.clock();
  const hasWindow =
    valid(draft.plannedStart) &&
    valid(draft.plannedEnd) &&
    draft.plannedEnd.getTime() > draft.plannedStart.getTime();
  const durationMs = hasWindow
    ? draft.plannedEnd.getTime() - draft.plannedStart.getTime()
    : DEFAULT_DURATION_MS;
  const horizon = { start: now, end: new Date(now.getTime() + SLOT_HORIZON_DAYS * DAY_MS) };
  const slots = findFreeSlots(
    ctx.policy,
    {
      services,
      durationMs,
      from: now,
      horizonEnd: horizon.end,
      self: opts.selfId === null ? null : { kind: 'change', id: opts.selfId },
    },
    itemsTouching(ctx, services, horizon),
  );
  const checked = hasWindow
    ? assessChangeSchedule(ctx, { ...draft, services }, opts.selfId)
    : {
        conflicts: { overlaps: [], freezes: [], outsideMaintenance: [] },
        verdict: { refusal: null, insideFreeze: false },
      };
  const serviceName = (id: string) => ctx.policy.services.find((s) => s.id === id)?.name ?? id;
  return buildScheduleAdvice({
    ...checked,
    slots,
    horizonDays: SLOT_HORIZON_DAYS,
    timeZone: opts.timeZone,
    serviceName,
    stateLabel: stateLabelOf,
  });
}
