import type { ChangeRecord } from '../../domain/change/change.ts';
import { findConflicts } from '../../domain/schedule/conflicts.ts';
import type { CardSchedule } from '../../domain/views/change-card.ts';
import type { AppContext } from '../context.ts';
import { scheduleMemo } from './schedule-memo.ts';
import { HOLDING_STATES, itemsTouching, stateLabelOf } from './sources.ts';

type Found = Omit<CardSchedule, 'freezeJustification'>;
const conflictsMemo = scheduleMemo<Found>();

/**
 * What the CAB sees of the schedule on a change's card, from what is stored now: every other change or
 * release overlapping it on its services, the freezes it is inside, services whose maintenance windows it is
 * outside, and the requester's freeze justification. Read with the indexed window lookup (bounded).
 */
export function cardSchedule(ctx: AppContext, change: ChangeRecord): CardSchedule | null {
  // The change's own window, services and state are part of the schedule: a change to them is a new count.
  const found = conflictsMemo(ctx, String(change.id), () => conflictsOf(ctx, change));
  const note = ctx.repos.schedule.noteOf(change.id);
  const schedule: CardSchedule = { ...found, freezeJustification: note?.freezeJustification ?? null };
  const empty =
    schedule.overlaps.length === 0 &&
    schedule.freezes.length === 0 &&
    schedule.outsideMaintenance.length === 0 &&
    schedule.freezeJustification === null;
  return empty ? null : schedule;
}

function conflictsOf(ctx: AppContext, change: ChangeRecord): Found {
  const window = { start: change.plannedStart, end: change.plannedEnd };
  const holding = HOLDING_STATES.includes(change.state);
  const conflicts = findConflicts(
    ctx.policy,
    { services: change.services, window, self: { kind: 'change', id: change.id } },
    holding ? itemsTouching(ctx, change.services, window) : [],
  );
  const serviceName = (id: string) => ctx.policy.services.find((s) => s.id === id)?.name ?? id;
  const freezes = [...new Map(conflicts.freezes.map((h) => [h.freeze.name, h.freeze])).values()];
  return {
    overlaps: conflicts.overlaps.map((item) => ({
      key: item.key,
      title: item.title,
      stateLabel: stateLabelOf(item),
      start: item.window.start,
      end: item.window.end,
    })),
    freezes: freezes.map((f) => ({ name: f.name, level: f.level, message: f.message })),
    outsideMaintenance: conflicts.outsideMaintenance.map(serviceName),
  };
}
