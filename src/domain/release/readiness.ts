import { fail, ok, type Result } from '../result.ts';
import type { IncludedChange } from './types.ts';

/** Change states in which a change is authorised (approved, or pre-authorised as a standard change). */
const AUTHORISED: ReadonlySet<string> = new Set(['scheduled', 'implement', 'review', 'closed']);

export const isAuthorised = (change: Pick<IncludedChange, 'state'>): boolean => AUTHORISED.has(change.state);

export interface Readiness {
  /** Every included change is authorised (the "verify the service components" step, computed). */
  readonly componentsVerified: boolean;
  readonly unapproved: readonly IncludedChange[];
}

/**
 * ITIL release planning, "verification of service components": a release is ready to run only when every
 * change it includes is authorised. Computed from the changes, never ticked by hand.
 */
export function readinessOf(changes: readonly IncludedChange[]): Readiness {
  const unapproved = changes.filter((c) => !isAuthorised(c));
  return { componentsVerified: unapproved.length === 0, unapproved };
}

/** Refuses to start (or mark ready) while an included change is not authorised, naming them. */
export function checkCanStart(
  key: string,
  changes: readonly IncludedChange[],
  doing = 'start',
): Result<void> {
  const { unapproved } = readinessOf(changes);
  if (unapproved.length === 0) return ok(undefined);
  const list = unapproved.map((c) => `CHG-${c.id}`).join(', ');
  return fail(
    'changes_not_approved',
    `${key} cannot ${doing}: ${list} ${unapproved.length === 1 ? 'is' : 'are'} not approved yet. Get ${unapproved.length === 1 ? 'it' : 'them'} approved, or drop ${unapproved.length === 1 ? 'it' : 'them'} from the release.`,
  );
}
