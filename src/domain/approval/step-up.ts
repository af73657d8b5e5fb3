import type { ChangeRecord } from '../change/change.ts';
import { formatChangeKey } from '../change/change-key.ts';
import type { RiskLevel } from '../change/types.ts';
import type { ApprovalRoute, PolicyDefaults } from '../policy/types.ts';
import { fail, ok, type Result } from '../result.ts';

/** What an approver confirms in a step-up: the window, the services and the plans of one version. */
export type FingerprintSource = Pick<
  ChangeRecord,
  | 'id'
  | 'version'
  | 'plannedStart'
  | 'plannedEnd'
  | 'services'
  | 'implementationPlan'
  | 'backoutPlan'
  | 'testPlan'
>;

/**
 * ITIL change authorisation for high risk: whether an approval of a change at this risk level, under this
 * route, needs a second, deliberate step. The route's `stepUp` wins over the defaults' `stepUpRisk`.
 */
export function needsStepUp(
  route: Pick<ApprovalRoute, 'stepUp'> | null,
  level: RiskLevel,
  defaults: Pick<PolicyDefaults, 'stepUpRisk'>,
): boolean {
  if (route?.stepUp !== undefined) return route.stepUp;
  return defaults.stepUpRisk?.includes(level) ?? false;
}

/**
 * The canonical text of what the approver confirms (hashed by the application): any change to the window,
 * the services or a plan gives a different fingerprint, so a confirmation can never approve other content.
 */
export function fingerprintText(change: FingerprintSource): string {
  return JSON.stringify([
    change.id,
    change.version,
    change.plannedStart.getTime(),
    change.plannedEnd.getTime(),
    [...change.services].sort(),
    change.implementationPlan,
    change.backoutPlan,
    change.testPlan,
  ]);
}

export interface StepUpCheck {
  readonly required: boolean;
  /** The fingerprint hash the approver confirmed, or null for a plain click. */
  readonly confirmed: string | null;
  /** The fingerprint hash of the change as stored now. */
  readonly current: string;
  readonly changeId: number;
}

/** A step-up approval counts only when confirmed on the exact content stored now; a plain click never counts. */
export function checkStepUp(input: StepUpCheck): Result<void> {
  if (!input.required) return ok(undefined);
  const key = formatChangeKey(input.changeId);
  if (input.confirmed === null) {
    return fail(
      'step_up_required',
      `${key} is high risk: approving it needs a confirmation of its window, services and plans.`,
    );
  }
  if (input.confirmed !== input.current) {
    return fail(
      'fingerprint_changed',
      `${key} changed after you opened the confirmation, so your approval was not recorded. Look at it again.`,
    );
  }
  return ok(undefined);
}
