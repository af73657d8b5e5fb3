import { fail, ok, type Result } from '../result.ts';

/** How early before its window an authorised change may start (a little slack for preparation). */
export const EARLY_START_MINUTES = 60;

/**
 * ITIL change schedule: a change is implemented inside its authorised window. Starting more than an hour early
 * or after the window has ended is refused; the change must be edited (and re-authorised) instead.
 */
export function checkStartWindow(plannedStart: Date, plannedEnd: Date, now: Date): Result<void> {
  if (now.getTime() < plannedStart.getTime() - EARLY_START_MINUTES * 60_000) {
    return fail(
      'too_early',
      'Its window has not opened yet; start it at most an hour before the planned start.',
    );
  }
  if (now.getTime() > plannedEnd.getTime()) {
    return fail('window_passed', 'Its planned window has passed; edit the change with a new window first.');
  }
  return ok(undefined);
}
