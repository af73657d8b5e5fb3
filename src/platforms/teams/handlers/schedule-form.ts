import type { TurnContext } from 'botbuilder';
import { adviseWindow } from '../../../app/schedule/advise-window.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { windowDraftOf } from '../../../domain/views/schedule-advice.ts';
import { timeZoneOf } from '../bot/activity-info.ts';
import { cardReply, type InvokeBody } from '../errors.ts';
import { fromFormInputs, pickFormInputs, toFormInputs } from '../forms/form-inputs.ts';
import { isTimeZone } from '../forms/zoned-time.ts';
import { releaseIdOf } from '../release/change-form-field.ts';
import { formCard, type Submit } from './change-form.ts';
import type { TurnDeps } from './turn-deps.ts';

const instant = (v: unknown): Date | null => {
  const d = typeof v === 'string' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
};

/**
 * The change form's schedule check in Teams: "Check window" answers with the form (every input as typed)
 * plus the window's conflicts and the next free windows; a free window's button answers with the form whose
 * window is that one. Nothing is written: submitting the form checks everything again.
 */
export function scheduleForm(
  context: TurnContext,
  deps: TurnDeps,
  verb: 'schedule_check' | 'schedule_pick',
  data: Readonly<Record<string, unknown>>,
): InvokeBody {
  const { ctx } = deps;
  const tz =
    typeof data.tz === 'string' && isTimeZone(data.tz)
      ? data.tz
      : timeZoneOf(context.activity, ctx.policy.defaults.timezone);
  const changeId = Number(data.changeId);
  const version = Number(data.version);
  const editing = Number.isSafeInteger(changeId) && changeId > 0 && Number.isSafeInteger(version);
  // The release picked stays picked: it is not one of the change form's own fields.
  const release = releaseIdOf(data);
  let inputs = { ...pickFormInputs(data), ...(release ? { release: String(release) } : {}) };
  const start = instant(data.slotStart);
  const end = instant(data.slotEnd);
  if (verb === 'schedule_pick' && start && end && end > start) {
    inputs = {
      ...inputs,
      ...toFormInputs({ plannedStart: start.toISOString(), plannedEnd: end.toISOString() }, tz),
    };
  }
  const advice = adviseWindow(ctx, windowDraftOf(fromFormInputs(inputs, tz)), {
    timeZone: tz,
    selfId: editing ? changeId : null,
  });
  const submit: Submit = editing
    ? { verb: 'submit_edit', data: { tz, changeId, version } }
    : { verb: 'submit_change', data: { tz } };
  return cardReply(
    formCard(deps, {
      ...(editing ? { title: `Edit ${formatChangeKey(changeId)}` } : {}),
      inputs,
      timeZone: tz,
      submit,
      advice,
    }),
  );
}
