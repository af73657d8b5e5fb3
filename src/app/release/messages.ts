import type { ReleaseRecord } from '../../db/release-repo.ts';
import { RELEASE_OUTCOME_LABELS } from '../../domain/release/lifecycle.ts';
import { formatReleaseKey } from '../../domain/release/release-key.ts';
import type { ReleaseMessageKind, ReleaseMessageView } from '../../domain/release/views.ts';
import type { AppContext } from '../context.ts';
import { formatWhen } from '../describe.ts';
import { modelOf, notesOf, unapprovedLines } from './release-queries.ts';

/** The zone a release's times are written in: its train's, else the policy's. */
export const releaseZone = (ctx: AppContext, release: Pick<ReleaseRecord, 'modelId'>): string =>
  modelOf(ctx, release.modelId)?.cadence?.timezone ?? ctx.policy.defaults.timezone;

const windowText = (ctx: AppContext, release: ReleaseRecord) =>
  `${formatWhen(release.plannedStart, releaseZone(ctx, release))} – ${formatWhen(release.plannedEnd, releaseZone(ctx, release))}`;

/** Builds the neutral message for a release event from what is stored now. */
export function releaseMessage(
  ctx: AppContext,
  release: ReleaseRecord,
  kind: ReleaseMessageKind,
  opts: { label?: string; late?: boolean; by?: string } = {},
): ReleaseMessageView {
  const key = formatReleaseKey(release.id);
  const title = `${key} ${release.name}`;
  const when = windowText(ctx, release);
  const unapproved = ['reminder', 'cutoff', 'overdue'].includes(kind) ? unapprovedLines(ctx, release.id) : [];
  const lines: string[] = [];
  let headline: string;
  switch (kind) {
    case 'reminder':
      headline = `Reminder (${opts.label}): ${title} starts ${formatWhen(release.plannedStart, releaseZone(ctx, release))}.`;
      lines.push(`Window: ${when}.`);
      break;
    case 'cutoff':
      headline = `Cut-off: changes in ${title} must be approved now.`;
      lines.push(
        `Unapproved changes cannot ride this release; drop them or get them approved. Window: ${when}.`,
      );
      break;
    case 'overdue':
      headline = `Overdue: ${title} was due to finish by ${formatWhen(release.plannedEnd, releaseZone(ctx, release))} and is not completed.`;
      break;
    case 'review':
      headline = `Review due: ${title} completed; record what went well and what to improve.`;
      break;
    case 'started':
      headline = `${title} has started${opts.by ? ` (${opts.by})` : ''}.`;
      lines.push(`Window: ${when}.`);
      break;
    case 'completed':
      headline = `${title} is complete: ${release.outcome ? RELEASE_OUTCOME_LABELS[release.outcome] : 'done'}.`;
      if (release.notes) lines.push(release.notes);
      break;
    case 'skipped':
      headline = `${title} is skipped: this instance will not run${opts.by ? ` (${opts.by})` : ''}.`;
      break;
    case 'cancelled':
      headline = `${title} is cancelled${opts.by ? ` (${opts.by})` : ''}.`;
      break;
    case 'notes':
      headline = `Release notes of ${title}`;
      break;
    case 'planned':
      headline = `${title} is planned for ${when}.`;
      break;
  }
  if (unapproved.length === 0 && ['reminder', 'cutoff'].includes(kind))
    lines.push('Every included change is approved.');
  return {
    releaseId: release.id,
    key,
    kind,
    headline,
    lines,
    unapproved,
    notes: kind === 'completed' || kind === 'notes' ? notesOf(ctx, release.id) : null,
    late: opts.late ?? false,
  };
}
