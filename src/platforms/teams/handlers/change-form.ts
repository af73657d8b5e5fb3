import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { includeOwnChange, releaseFitsChange } from '../../../app/release/include-own-change.ts';
import { adviseWindow } from '../../../app/schedule/advise-window.ts';
import { storedFreezeJustification } from '../../../app/schedule/assess-change.ts';
import { editChange } from '../../../app/use-cases/edit-change.ts';
import { raiseChange } from '../../../app/use-cases/raise-change.ts';
import { draftOfChange } from '../../../domain/change/change.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { isEditable, STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import {
  buildChangeForm,
  type ChangeFormValues,
  type FormErrors,
  formValuesOf,
  parseChangeForm,
} from '../../../domain/views/change-form.ts';
import { type ScheduleAdviceView, windowDraftOf } from '../../../domain/views/schedule-advice.ts';
import { conversationKind, timeZoneOf } from '../bot/activity-info.ts';
import { personalCard } from '../card-views.ts';
import { cardReply, formErrorsOf, type InvokeBody, messageReply } from '../errors.ts';
import { type FormInputs, fromFormInputs, pickFormInputs, toFormInputs } from '../forms/form-inputs.ts';
import { isTimeZone } from '../forms/zoned-time.ts';
import { releaseIdOf, withReleaseField } from '../release/change-form-field.ts';
import type { AdaptiveCard, ExecuteAction } from '../render/adaptive-card.ts';
import { renderChangeForm } from '../render/form-card.ts';
import { replyWith, type TurnDeps } from './turn-deps.ts';

export type Submit = { readonly verb: 'submit_change' | 'submit_edit'; readonly data: ExecuteAction['data'] };

export function formCard(
  deps: TurnDeps,
  opts: {
    title?: string;
    inputs: FormInputs;
    timeZone: string;
    submit: Submit;
    errors?: FormErrors;
    message?: string | null;
    releaseError?: string | null;
    advice?: ScheduleAdviceView | null;
  },
): AdaptiveCard {
  const form = buildChangeForm(deps.ctx.policy, {}, opts.title);
  const rendered = renderChangeForm(form, {
    inputs: opts.inputs,
    timeZone: opts.timeZone,
    submit: opts.submit,
    errors: opts.errors ?? {},
    message: opts.message ?? null,
    advice: opts.advice ?? null,
  });
  // A new change may ride an upcoming release (release management); an edit keeps the release it has.
  return opts.submit.verb === 'submit_change'
    ? withReleaseField(deps.ctx, rendered, { value: opts.inputs.release, error: opts.releaseError ?? null })
    : rendered;
}

/** "new": the empty change form, as a card in this conversation. */
export async function openNewForm(context: TurnContext, deps: TurnDeps): Promise<void> {
  const timeZone = timeZoneOf(context.activity, deps.ctx.policy.defaults.timezone);
  const initial: ChangeFormValues = { type: 'normal' };
  await replyWith(
    context,
    deps,
    formCard(deps, {
      inputs: toFormInputs(initial, timeZone),
      timeZone,
      submit: { verb: 'submit_change', data: { tz: timeZone } },
    }),
  );
}

/** "edit CHG-n": the form prefilled with the change, for its requester. */
export async function openEditForm(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  changeId: number,
): Promise<void> {
  const change = deps.ctx.repos.changes.get(changeId);
  const key = formatChangeKey(changeId);
  if (!change) return void (await replyWith(context, deps, `${key} does not exist.`));
  if (change.requesterId !== actor.person.id)
    return void (await replyWith(context, deps, `Only the requester can edit ${key}.`));
  if (!isEditable(change.state)) {
    const state = STATE_LABELS[change.state];
    return void (await replyWith(context, deps, `${key} is ${state}; it can no longer be edited.`));
  }
  const timeZone = timeZoneOf(context.activity, deps.ctx.policy.defaults.timezone);
  await replyWith(
    context,
    deps,
    formCard(deps, {
      title: `Edit ${key}`,
      inputs: toFormInputs(
        {
          ...formValuesOf(draftOfChange(change)),
          freezeJustification: storedFreezeJustification(deps.ctx, changeId),
        },
        timeZone,
      ),
      timeZone,
      submit: { verb: 'submit_edit', data: { tz: timeZone, changeId, version: change.version } },
    }),
  );
}

/**
 * A submitted form (new or edit): parse, call the use case, and answer the invoke with either the form again
 * (errors under their fields, every input as typed) or the requester's card of the change. A form filled in
 * the personal chat becomes the requester's live copy, so the job does not send a second one.
 */
export async function submitForm(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  verb: Submit['verb'],
  data: Readonly<Record<string, unknown>>,
): Promise<InvokeBody> {
  const { ctx } = deps;
  const tz =
    typeof data.tz === 'string' && isTimeZone(data.tz)
      ? data.tz
      : timeZoneOf(context.activity, ctx.policy.defaults.timezone);
  const picked = releaseIdOf(data);
  const inputs: FormInputs = { ...pickFormInputs(data), ...(picked ? { release: String(picked) } : {}) };
  const editing =
    verb === 'submit_edit' ? { changeId: Number(data.changeId), version: Number(data.version) } : null;
  const submit: Submit = editing ? { verb, data: { tz, ...editing } } : { verb, data: { tz } };
  const title = editing ? `Edit ${formatChangeKey(editing.changeId)}` : undefined;
  const again = (errors: FormErrors, message: string | null, releaseError: string | null = null) => {
    // Refused for its window (a freeze): show the schedule check with free windows to pick instead.
    const advice =
      errors.freezeJustification || errors.plannedEnd?.startsWith('Inside a change freeze')
        ? adviseWindow(ctx, windowDraftOf(fromFormInputs(inputs, tz)), {
            timeZone: tz,
            selfId: editing?.changeId ?? null,
          })
        : null;
    return cardReply(
      formCard(deps, {
        ...(title ? { title } : {}),
        inputs,
        timeZone: tz,
        submit,
        errors,
        message,
        releaseError,
        advice,
      }),
    );
  };

  // An edit's stored window, so a window left as it was stays the same instants (see fromFormInputs).
  const stored =
    editing && Number.isSafeInteger(editing.changeId) ? ctx.repos.changes.get(editing.changeId) : null;
  const previous = stored ? { plannedStart: stored.plannedStart, plannedEnd: stored.plannedEnd } : {};
  const parsed = parseChangeForm(fromFormInputs(inputs, tz, previous));
  if (!parsed.ok) return again(parsed.error.fieldErrors, null);

  if (editing) {
    if (!Number.isInteger(editing.changeId) || !Number.isInteger(editing.version))
      return messageReply('This form is no longer valid.');
    const edited = editChange(ctx, actor, {
      changeId: editing.changeId,
      expectedVersion: editing.version,
      draft: parsed.value,
    });
    if (!edited.ok) {
      const { fieldErrors, message } = formErrorsOf(edited.error);
      return again(fieldErrors, message);
    }
    const card = personalCard(ctx, edited.value.id, 'requester', actor.person, {
      notice: {
        text: `${formatChangeKey(edited.value.id)} is now version ${edited.value.version}.`,
        tone: 'good',
      },
    });
    return card ? cardReply(card) : messageReply('Saved.');
  }

  const fits = picked === null ? null : releaseFitsChange(ctx, picked, parsed.value.services);
  if (fits && !fits.ok) return again({}, null, fits.error.message);
  const raised = raiseChange(ctx, actor, { draft: parsed.value });
  if (!raised.ok) {
    const { fieldErrors, message } = formErrorsOf(raised.error);
    return again(fieldErrors, message);
  }
  if (picked !== null) includeOwnChange(ctx, actor, { releaseId: picked, changeId: raised.value.change.id });
  const { change, boardName } = raised.value;
  const formMessageId = context.activity.replyToId;
  // Registered before anything is awaited: the post job (woken by the commit) must see this copy and skip the DM.
  if (formMessageId && conversationKind(context.activity) === 'personal') {
    ctx.repos.cardPosts.add(
      {
        changeId: change.id,
        platform: 'teams',
        channel: context.activity.conversation.id,
        messageId: formMessageId,
        kind: 'requester',
      },
      ctx.clock(),
    );
  }
  const key = formatChangeKey(change.id);
  const where =
    change.type === 'standard'
      ? 'It is pre-approved by its change model.'
      : `It went to ${boardName ?? 'the CAB'} for approval.`;
  const card = personalCard(ctx, change.id, 'requester', actor.person, {
    notice: { text: `${key} raised. ${where}`, tone: 'good' },
  });
  return card ? cardReply(card) : messageReply(`${key} raised.`);
}
