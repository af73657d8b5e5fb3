import type { ReleaseRecord } from '../../db/release-repo.ts';
import { newChecklist } from '../../domain/release/checklist.ts';
import { managerFor } from '../../domain/release/rotation.ts';
import type { ReleaseModel } from '../../domain/release/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type Actor, type AppContext, inTransaction } from '../context.ts';
import { formatWhen } from '../describe.ts';
import { auditRelease } from './release-audit.ts';
import { releaseOutbox } from './release-jobs.ts';
import { mayManage, modelOf, personOfMember } from './release-queries.ts';
import { refreshChangesAround } from './release-schedule-refresh.ts';
import { longestReleaseWindowMs } from './release-schedule-source.ts';

const MINUTE = 60_000;

/** Creates one instance of a model inside the caller's transaction: rotation, checklist, card, reminders. */
export function createInstance(
  ctx: AppContext,
  actor: Actor | null,
  model: ReleaseModel,
  opts: { name: string | null; start: Date; end?: Date; occurrenceAt: Date | null; now: Date },
): ReleaseRecord {
  const sequence = ctx.repos.releases.countOfModel(model.id);
  const member = managerFor(model.managers, sequence);
  const manager = member ? personOfMember(ctx, member) : (actor?.person ?? null);
  const zone = model.cadence?.timezone ?? ctx.policy.defaults.timezone;
  const day = formatWhen(opts.start, zone).split(',')[0];
  const release = ctx.repos.releases.insert({
    modelId: model.id,
    occurrenceAt: opts.occurrenceAt,
    sequence,
    name: opts.name ?? `${model.name} ${day}`,
    state: 'planned',
    plannedStart: opts.start,
    plannedEnd: opts.end ?? new Date(opts.start.getTime() + model.windowMinutes * MINUTE),
    managerId: manager?.id ?? null,
    checklist: newChecklist(model.checklist),
    exposures: [],
    createdAt: opts.now,
    updatedAt: opts.now,
  });
  auditRelease(ctx, actor, 'planned', release, {
    at: opts.now,
    data: { model: model.id, start: release.plannedStart.toISOString(), managerId: release.managerId },
  });
  const jobs = releaseOutbox(ctx, opts.now);
  jobs.post(release.id);
  jobs.scheduleReminders(release, model);
  // Changes already on this window now overlap the release: their cards say so.
  refreshChangesAround(ctx, release, opts.now);
  return release;
}

export interface NewReleaseCommand {
  readonly modelId: string;
  readonly name: string;
  readonly start: Date | null;
  /** Window length in minutes; the model's when null. */
  readonly minutes: number | null;
}

/** A release instance planned by hand (a one-off such as a hotfix, or an extra instance of a train). */
export function createRelease(ctx: AppContext, actor: Actor, cmd: NewReleaseCommand): Result<ReleaseRecord> {
  const now = ctx.clock();
  const model = modelOf(ctx, cmd.modelId);
  if (!model) return fail('unknown_model', 'Choose a release model from the policy.', 'model');
  const name = cmd.name.trim();
  if (name.length > 150) return fail('name_too_long', 'Keep the name under 150 characters.', 'name');
  if (!cmd.start) return fail('start_required', 'Give the planned start.', 'start');
  if (cmd.start.getTime() <= now.getTime())
    return fail('start_in_past', 'The start must be in the future.', 'start');
  if (cmd.minutes !== null && (!Number.isInteger(cmd.minutes) || cmd.minutes < 1))
    return fail('invalid_window', 'The window must be a duration such as 2h or 90m.', 'window');
  if (cmd.minutes !== null && cmd.minutes * MINUTE > longestReleaseWindowMs(ctx))
    return fail('window_too_long', 'A release window can be at most 14 days.', 'window');
  return inTransaction(ctx, () => {
    if (!mayManage(ctx, { modelId: model.id, managerId: null }, actor.person))
      return fail(
        'not_allowed',
        `Only the release managers of ${model.name} or a change manager can plan its releases.`,
      );
    const end = cmd.minutes ? new Date(cmd.start!.getTime() + cmd.minutes * MINUTE) : undefined;
    return ok(
      createInstance(ctx, actor, model, {
        name: name || null,
        start: cmd.start!,
        ...(end ? { end } : {}),
        occurrenceAt: null,
        now,
      }),
    );
  });
}
