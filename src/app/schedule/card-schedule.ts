import type { ChangeRecord } from '../../domain/change/change.ts';
import { findConflicts } from '../../domain/schedule/conflicts.ts';
import { CARD_OVERLAPS_NAMED, type CardSchedule } from '../../domain/views/change-card.ts';
import type { AppContext } from '../context.ts';
import { changeItem, HOLDING_STATES, SCHEDULE_SOURCES, stateLabelOf } from './sources.ts';

type Found = Omit<CardSchedule, 'freezeJustification'>;

/**
 * What the CAB sees of the schedule on a change's card, from what is stored now: the first other changes and
 * releases overlapping it on its services and how many there are, the freezes it is inside, services whose
 * maintenance windows it is outside, and the requester's freeze justification. Bounded reads on the window
 * index: a card costs the same with ten overlapping changes or a thousand (issue 7).
 */
export function cardSchedule(ctx: AppContext, change: ChangeRecord): CardSchedule | null {
  const found = conflictsOf(ctx, change);
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
  const changes = holding
    ? ctx.repos.schedule.firstChangesTouching(change.services, window, HOLDING_STATES, {
        excluding: change.id,
        limit: CARD_OVERLAPS_NAMED,
      })
    : { first: [], count: 0 };
  // Releases are few and their lookup bounded: all of them are read, and counted exactly.
  const others = holding
    ? SCHEDULE_SOURCES.filter((s) => s.kind !== 'change').flatMap((s) =>
        s.touching(ctx, change.services, window),
      )
    : [];
  const conflicts = findConflicts(
    ctx.policy,
    { services: change.services, window, self: { kind: 'change', id: change.id } },
    [...changes.first.map(changeItem), ...others],
  );
  const otherCount = conflicts.overlaps.filter((item) => item.kind !== 'change').length;
  const serviceName = (id: string) => ctx.policy.services.find((s) => s.id === id)?.name ?? id;
  const freezes = [...new Map(conflicts.freezes.map((h) => [h.freeze.name, h.freeze])).values()];
  return {
    overlaps: conflicts.overlaps.slice(0, CARD_OVERLAPS_NAMED).map((item) => ({
      key: item.key,
      title: item.title,
      stateLabel: stateLabelOf(item),
      start: item.window.start,
      end: item.window.end,
    })),
    overlapCount: changes.count + otherCount,
    freezes: freezes.map((f) => ({ name: f.name, level: f.level, message: f.message })),
    outsideMaintenance: conflicts.outsideMaintenance.map(serviceName),
  };
}
