import type { ChangeState } from '../change/types.ts';
import { fail, ok, type Result } from '../result.ts';

/** An objection window of one change version, as stored. */
export interface ObjectionWindow {
  readonly version: number;
  readonly deadline: Date;
  readonly objectedAt: Date | null;
  readonly approvedAt: Date | null;
}

export type DeadlineOutcome = 'approve' | 'not_yet' | 'objected' | 'moot';

/**
 * ITIL low-risk changes authorised by default ("approved unless someone objects"): what the deadline does.
 * It approves only a change still awaiting approval, at the version the window was opened for, with no
 * objection, once the deadline has come; run twice (a restart across the deadline), the second run is moot.
 */
export function deadlineOutcome(input: {
  readonly state: ChangeState;
  readonly version: number;
  readonly window: ObjectionWindow;
  readonly now: Date;
}): DeadlineOutcome {
  const { window } = input;
  if (input.state !== 'authorise' || input.version !== window.version || window.approvedAt !== null)
    return 'moot';
  if (window.objectedAt !== null) return 'objected';
  if (input.now.getTime() < window.deadline.getTime()) return 'not_yet';
  return 'approve';
}

/** ITIL: any member may object while the window is open, with a reason; the change then goes to a normal vote. */
export function checkObjection(input: {
  readonly state: ChangeState;
  readonly window: ObjectionWindow | null;
  readonly currentVersion: number;
  readonly votedVersion: number;
  readonly isMember: boolean;
  readonly isRequester: boolean;
  readonly reason: string;
  readonly now: Date;
}): Result<void> {
  const { window } = input;
  if (input.state !== 'authorise' || !window || window.version !== input.currentVersion || window.approvedAt)
    return fail('no_objection_window', 'This change has no open objection window.');
  if (input.votedVersion !== input.currentVersion)
    return fail(
      'stale_version',
      `The change was edited since (now version ${input.currentVersion}); look at it again.`,
    );
  if (window.objectedAt)
    return fail('already_objected', 'Someone has already objected: it goes to a normal vote.');
  if (input.now.getTime() >= window.deadline.getTime())
    return fail('window_closed', 'The objection window has closed.');
  if (input.isRequester)
    return fail('self_objection', 'You raised this change; withdraw it with cancel instead.');
  if (!input.isMember) return fail('not_cab_member', 'Only members of its change board can object to it.');
  if (input.reason.trim() === '') return fail('reason_required', 'Say why you object.', 'reason');
  return ok(undefined);
}
