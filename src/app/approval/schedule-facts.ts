import { formatWindow } from '../../domain/schedule/format.ts';
import type { AppContext } from '../context.ts';
import { cardSchedule } from '../schedule/card-schedule.ts';

/**
 * The one place `explain` learns about the change schedule: the freezes and conflicts that apply to a
 * change's window, one sentence each. It is the same assessment the change's card shows (`cardSchedule`:
 * the indexed window lookup), so explain and the card never disagree. Times read in the policy's zone.
 */
export function scheduleFactsFor(ctx: AppContext, changeId: number): readonly string[] {
  const change = ctx.repos.changes.get(changeId);
  if (!change) return [];
  const schedule = cardSchedule(ctx, change);
  if (!schedule) return [];
  const zone = ctx.policy.defaults.timezone;
  const facts: string[] = [];
  for (const f of schedule.freezes) {
    const rule =
      f.level === 'hard'
        ? change.type === 'emergency'
          ? 'only emergency changes may go ahead, as this one does'
          : 'only emergency changes may go ahead'
        : 'a written justification is needed';
    facts.push(
      `Inside the ${f.level} freeze "${f.name}": ${rule}.${f.message.trim() ? ` ${f.message.trim()}` : ''}`,
    );
  }
  if (schedule.freezeJustification)
    facts.push(`Freeze justification from the requester: ${schedule.freezeJustification}`);
  for (const o of schedule.overlaps)
    facts.push(
      `Overlaps ${o.key} ${o.title} (${o.stateLabel}), ${formatWindow(o, zone)} (${zone}), on the same services.`,
    );
  const unnamed = schedule.overlapCount - schedule.overlaps.length;
  if (unnamed > 0) facts.push(`Overlaps ${unnamed} more changes or releases (\`calendar\` lists them).`);
  if (schedule.outsideMaintenance.length > 0)
    facts.push(`Outside the maintenance windows of ${schedule.outsideMaintenance.join(', ')}.`);
  return facts;
}
