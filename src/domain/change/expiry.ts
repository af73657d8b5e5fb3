import type { PolicyDefaults } from '../policy/types.ts';
import type { ChangeState } from './types.ts';

const HOUR_MS = 60 * 60 * 1000;

// Only a change still waiting for a decision can run out of time; later states have been decided.
const UNDECIDED: ReadonlySet<ChangeState> = new Set(['assess', 'authorise']);

/** ITIL: a change not decided in time expires; this is when, counted from submission. */
export const expiryFor = (submittedAt: Date, defaults: PolicyDefaults): Date =>
  new Date(submittedAt.getTime() + defaults.expiryHours * HOUR_MS);

/** True when an undecided change (assessing or awaiting approval) has reached its expiry time. */
export const isExpired = (state: ChangeState, expiresAt: Date | null, now: Date): boolean =>
  UNDECIDED.has(state) && expiresAt !== null && now.getTime() >= expiresAt.getTime();

/**
 * ITIL: pending approvals are reminded before they expire. Null when the policy turns reminders off
 * (0 hours) or the reminder would come at or after expiry, where it would be pointless.
 */
export const reminderAt = (submittedAt: Date, defaults: PolicyDefaults): Date | null =>
  defaults.reminderHours <= 0 || defaults.reminderHours >= defaults.expiryHours
    ? null
    : new Date(submittedAt.getTime() + defaults.reminderHours * HOUR_MS);
