import {
  addWorkingHours,
  inZone,
  nextWorkingMoment,
  type WorkingHours,
} from '../../domain/approval/working-hours.ts';
import type { ChangeRecord, PersonRecord } from '../../domain/change/change.ts';
import { expiryFor } from '../../domain/change/expiry.ts';
import { type Policy, WEEKDAYS } from '../../domain/policy/types.ts';

const HOUR_MS = 3_600_000;

/** The board's working hours in its own zone (the policy's default zone unless it names one), or null. */
export function boardWorkingHours(policy: Policy, boardId: string | null): WorkingHours | null {
  const wh = policy.boards.find((b) => b.id === boardId)?.workingHours;
  if (!wh) return null;
  return {
    timezone: wh.timezone ?? policy.defaults.timezone,
    days: wh.days.map((d) => WEEKDAYS.indexOf(d)),
    start: wh.start,
    end: wh.end,
    holidays: wh.holidays,
  };
}

/**
 * When a message to this approver may go out: now inside their working hours (the board's span read in
 * their own time zone, the board's holidays), else at the start of their next working period. Emergency
 * changes do not wait (the ECAB is convened at any hour).
 */
export function deliveryTimeFor(
  policy: Policy,
  change: Pick<ChangeRecord, 'boardId' | 'type'>,
  person: PersonRecord,
  now: Date,
): Date {
  const wh = change.type === 'emergency' ? null : boardWorkingHours(policy, change.boardId);
  if (!wh) return now;
  return nextWorkingMoment(now, person.timezone ? inZone(wh, person.timezone) : wh);
}

/** `hours` after `from`, in the board's working hours when it has them, else on the wall clock. */
export function afterHours(policy: Policy, boardId: string | null, from: Date, hours: number): Date {
  const wh = boardWorkingHours(policy, boardId);
  return wh ? addWorkingHours(from, hours, wh) : new Date(from.getTime() + hours * HOUR_MS);
}

/** The expiry of an undecided change: counted in working hours when the policy says so. */
export function expiryForBoard(policy: Policy, boardId: string | null, submittedAt: Date): Date {
  if (!policy.defaults.expiryInWorkingHours) return expiryFor(submittedAt, policy.defaults);
  return afterHours(policy, boardId, submittedAt, policy.defaults.expiryHours);
}
