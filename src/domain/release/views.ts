import { STATE_LABELS } from '../change/lifecycle.ts';
import type { ChangeState } from '../change/types.ts';
import { checklistAsSeen } from './checklist.ts';
import { acceptsChanges, RELEASE_OUTCOME_LABELS, RELEASE_STATE_LABELS } from './lifecycle.ts';
import type { ReleaseNoteLine } from './notes.ts';
import { isAuthorised, readinessOf } from './readiness.ts';
import { formatReleaseKey } from './release-key.ts';
import type { ChecklistItem, ExposureStep, IncludedChange, ReleaseOutcome, ReleaseState } from './types.ts';

export type ReleaseCardAction = 'ready' | 'start' | 'complete' | 'cancel' | 'skip' | 'notes';

export interface ReleaseChangeLine {
  readonly changeId: number;
  readonly key: string;
  readonly title: string;
  readonly stateLabel: string;
  readonly approved: boolean;
  /** Names of approvers who have yet to vote (empty when approved or nobody is waited on). */
  readonly waitingOn: readonly string[];
}

/** The platform-neutral release card: one view, rendered by Slack and Teams. References only in actions. */
export interface ReleaseCardView {
  readonly releaseId: number;
  readonly version: number;
  readonly key: string;
  readonly name: string;
  readonly modelName: string;
  readonly state: ReleaseState;
  readonly stateLabel: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly managerName: string | null;
  readonly checklist: readonly (ChecklistItem & { readonly index: number })[];
  readonly changes: readonly ReleaseChangeLine[];
  readonly componentsVerified: boolean;
  readonly exposures: readonly ExposureStep[];
  readonly outcome: string | null;
  readonly notes: string | null;
  /** Checklist steps can be ticked (the release is not final). */
  readonly checklistEditable: boolean;
  readonly actions: readonly ReleaseCardAction[];
}

export interface ReleaseCardInput {
  readonly release: {
    readonly id: number;
    readonly version: number;
    readonly name: string;
    readonly state: ReleaseState;
    readonly plannedStart: Date;
    readonly plannedEnd: Date;
    readonly checklist: readonly ChecklistItem[];
    readonly exposures: readonly ExposureStep[];
    readonly outcome: ReleaseOutcome | null;
    readonly notes: string | null;
  };
  readonly modelName: string;
  readonly managerName: string | null;
  readonly changes: readonly IncludedChange[];
  readonly waitingOn: ReadonlyMap<number, readonly string[]>;
}

const ACTIONS_BY_STATE: Record<ReleaseState, readonly ReleaseCardAction[]> = {
  planned: ['ready', 'start', 'skip', 'cancel', 'notes'],
  ready: ['start', 'skip', 'cancel', 'notes'],
  in_progress: ['complete', 'notes'],
  completed: ['notes'],
  cancelled: [],
  skipped: [],
};

export function changeLines(
  changes: readonly IncludedChange[],
  waitingOn: ReadonlyMap<number, readonly string[]>,
): ReleaseChangeLine[] {
  return [...changes]
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      changeId: c.id,
      key: `CHG-${c.id}`,
      title: c.title,
      stateLabel: STATE_LABELS[c.state as ChangeState] ?? c.state,
      approved: isAuthorised(c),
      waitingOn: isAuthorised(c) ? [] : (waitingOn.get(c.id) ?? []),
    }));
}

/** ITIL release communication: everything a release's stakeholders need on one card. */
export function buildReleaseCard(input: ReleaseCardInput): ReleaseCardView {
  const { release } = input;
  const readiness = readinessOf(input.changes);
  return {
    releaseId: release.id,
    version: release.version,
    key: formatReleaseKey(release.id),
    name: release.name,
    modelName: input.modelName,
    state: release.state,
    stateLabel: RELEASE_STATE_LABELS[release.state],
    windowStart: release.plannedStart,
    windowEnd: release.plannedEnd,
    managerName: input.managerName,
    checklist: checklistAsSeen(release.checklist, readiness.componentsVerified).map((item, index) => ({
      ...item,
      index,
    })),
    changes: changeLines(input.changes, input.waitingOn),
    componentsVerified: readiness.componentsVerified,
    exposures: release.exposures,
    outcome: release.outcome ? RELEASE_OUTCOME_LABELS[release.outcome] : null,
    notes: release.notes,
    checklistEditable: acceptsChanges(release.state) || release.state === 'in_progress',
    actions: ACTIONS_BY_STATE[release.state],
  };
}

export type ReleaseMessageKind =
  | 'reminder'
  | 'cutoff'
  | 'overdue'
  | 'review'
  | 'started'
  | 'completed'
  | 'skipped'
  | 'cancelled'
  | 'notes'
  | 'planned';

/** A message about a release (a reminder, an announcement, release notes), neutral for both platforms. */
export interface ReleaseMessageView {
  readonly releaseId: number;
  readonly key: string;
  readonly kind: ReleaseMessageKind;
  /** One line of plain text (the renderer escapes it). */
  readonly headline: string;
  readonly lines: readonly string[];
  /** Included changes not approved yet, each with the approvers still to vote (nudge and drop buttons). */
  readonly unapproved: readonly ReleaseChangeLine[];
  readonly notes: readonly ReleaseNoteLine[] | null;
  /** Sent after its time because the process was down. */
  readonly late: boolean;
}
