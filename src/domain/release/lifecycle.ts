import { fail, ok, type Result } from '../result.ts';
import type { ReleaseAction, ReleaseOutcome, ReleaseState } from './types.ts';

export const RELEASE_STATE_LABELS: Record<ReleaseState, string> = {
  planned: 'Planned',
  ready: 'Ready',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

export const RELEASE_OUTCOME_LABELS: Record<ReleaseOutcome, string> = {
  successful: 'Successful',
  partially_successful: 'Partially successful',
  failed: 'Failed',
  rolled_back: 'Rolled back',
};

const VERBS: Record<ReleaseAction, string> = {
  ready: 'mark as ready',
  unready: 'send back to planning',
  start: 'start',
  complete: 'complete',
  cancel: 'cancel',
  skip: 'skip',
  move: 'move the window of',
};

interface Transition {
  readonly from: ReleaseState;
  readonly action: ReleaseAction;
  readonly to: ReleaseState;
}

/**
 * The release lifecycle in one table (ITIL release planning and coordination): a planned instance is made
 * ready once its components and procedures are verified, is executed (in progress), and completes with an
 * outcome; an instance not yet started can be cancelled, skipped (a train's instance that will not run) or
 * moved to another window.
 */
const TRANSITIONS: readonly Transition[] = [
  { from: 'planned', action: 'ready', to: 'ready' },
  { from: 'ready', action: 'unready', to: 'planned' },
  { from: 'planned', action: 'start', to: 'in_progress' },
  { from: 'ready', action: 'start', to: 'in_progress' },
  { from: 'in_progress', action: 'complete', to: 'completed' },
  { from: 'planned', action: 'cancel', to: 'cancelled' },
  { from: 'ready', action: 'cancel', to: 'cancelled' },
  { from: 'planned', action: 'skip', to: 'skipped' },
  { from: 'ready', action: 'skip', to: 'skipped' },
  { from: 'planned', action: 'move', to: 'planned' },
  { from: 'ready', action: 'move', to: 'ready' },
];

const FINAL: ReadonlySet<ReleaseState> = new Set(['completed', 'cancelled', 'skipped']);

const quoted = (states: readonly ReleaseState[]) => {
  const q = states.map((s) => `'${RELEASE_STATE_LABELS[s]}'`);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q.at(-1)}`;
};

/** Moves a release through its lifecycle; an illegal step is refused with a message naming state and action. */
export function releaseTransition(from: ReleaseState, action: ReleaseAction): Result<ReleaseState> {
  const found = TRANSITIONS.find((t) => t.from === from && t.action === action);
  if (found) return ok(found.to);
  const legal = TRANSITIONS.filter((t) => t.action === action).map((t) => t.from);
  return fail(
    'illegal_transition',
    `Cannot ${VERBS[action]} a release in state '${RELEASE_STATE_LABELS[from]}': only releases in state ${quoted(legal)} can.`,
  );
}

/** Completed, cancelled and skipped releases are final. */
export const isReleaseFinal = (state: ReleaseState): boolean => FINAL.has(state);

/** A release still open to changes joining or leaving it: planned or ready (not yet started). */
export const acceptsChanges = (state: ReleaseState): boolean => state === 'planned' || state === 'ready';
