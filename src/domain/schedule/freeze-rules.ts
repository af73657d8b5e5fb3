import type { ChangeType } from '../change/types.ts';
import type { Policy } from '../policy/types.ts';
import type { DomainError } from '../result.ts';
import { type FreezeHit, freezesIn, type ScheduleConflicts } from './conflicts.ts';

export const FREEZE_JUSTIFICATION_MAX = 3000;

/** What the freezes a window touches mean for a change of a given type. */
export interface FreezeVerdict {
  /** Set when the change may not be scheduled there; `field` says which form field shows it. */
  readonly refusal: (DomainError & { readonly field: 'plannedStart' | 'freezeJustification' }) | null;
  /** The change goes ahead inside a freeze (an emergency in a hard freeze, or a justified soft freeze). */
  readonly insideFreeze: boolean;
}

const names = (hits: readonly FreezeHit[]): string => {
  const unique = [...new Set(hits.map((h) => h.freeze.name))];
  return unique.map((n) => `"${n}"`).join(', ');
};

const messages = (hits: readonly FreezeHit[]): string =>
  [...new Set(hits.map((h) => h.freeze.message.trim()).filter(Boolean))].join(' ');

/**
 * ITIL change schedule, freeze (blackout) rules: a hard freeze refuses every change but an emergency; a soft
 * freeze admits a change only with a written justification for the CAB (emergencies need none, they are
 * justified by definition). An admitted change inside a freeze is marked so its card says so.
 */
export function judgeFreezes(
  conflicts: Pick<ScheduleConflicts, 'freezes'>,
  type: ChangeType,
  freezeJustification: string,
): FreezeVerdict {
  const hard = conflicts.freezes.filter((h) => h.freeze.level === 'hard');
  const soft = conflicts.freezes.filter((h) => h.freeze.level === 'soft');
  if (hard.length === 0 && soft.length === 0) return { refusal: null, insideFreeze: false };
  if (type === 'emergency') return { refusal: null, insideFreeze: true };
  if (hard.length > 0) {
    const why = messages(hard);
    return {
      refusal: {
        code: 'hard_freeze',
        field: 'plannedStart',
        message: `This window is inside the change freeze ${names(hard)}; only emergency changes are allowed.${why ? ` ${why}` : ''} Pick another window.`,
      },
      insideFreeze: true,
    };
  }
  const text = freezeJustification.trim();
  if (text === '') {
    const why = messages(soft);
    return {
      refusal: {
        code: 'freeze_justification_required',
        field: 'freezeJustification',
        message: `This window is inside the soft freeze ${names(soft)}: explain why it cannot wait.${why ? ` ${why}` : ''}`,
      },
      insideFreeze: true,
    };
  }
  if (text.length > FREEZE_JUSTIFICATION_MAX) {
    return {
      refusal: {
        code: 'freeze_justification_too_long',
        field: 'freezeJustification',
        message: `The freeze justification can be at most ${FREEZE_JUSTIFICATION_MAX.toLocaleString('en')} characters.`,
      },
      insideFreeze: true,
    };
  }
  return { refusal: null, insideFreeze: true };
}

/**
 * ITIL change schedule, for deployment gates: the hard freezes covering `service` at the instant `at`
 * (empty when none). A deployment of a non-emergency change should be refused while this is non-empty.
 */
export function hardFreezesAt(policy: Policy, service: string, at: Date): FreezeHit[] {
  const instant = { start: at, end: new Date(at.getTime() + 1) };
  return freezesIn(policy, [service], instant).filter((h) => h.freeze.level === 'hard');
}

/** ITIL change schedule: is `service` inside a hard freeze at `at`? (see `hardFreezesAt` for which.) */
export const isInHardFreeze = (policy: Policy, service: string, at: Date): boolean =>
  hardFreezesAt(policy, service, at).length > 0;
