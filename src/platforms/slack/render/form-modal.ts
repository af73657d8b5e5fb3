import type { types } from '@slack/bolt';
import type { ChangeRecord } from '../../../domain/change/change.ts';
import type { ChangeFormView, FormField, FormOption } from '../../../domain/views/change-form.ts';
import type { ScheduleAdviceView } from '../../../domain/views/schedule-advice.ts';
import { encodeRef, type FormMeta, type VersionRef, VIEW } from '../ids.ts';
import { type Block, context, plain } from './blocks.ts';
import { LIMITS } from './limits.ts';
import { fitPlain } from './mrkdwn.ts';
import { renderScheduleBlocks, windowBlockId } from './schedule-advice.ts';

const option = (o: FormOption): types.PlainTextOption => ({
  text: plain(o.label, LIMITS.optionText),
  value: o.value.slice(0, LIMITS.optionValue),
});

function selectElement(field: FormField, options: types.PlainTextOption[]): types.StaticSelect {
  const initial = options.find((o) => o.value === field.initial);
  return {
    type: 'static_select',
    action_id: field.id,
    placeholder: plain('Choose…', 150),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

function multiSelectElement(field: FormField, options: types.PlainTextOption[]): types.MultiStaticSelect {
  const wanted = Array.isArray(field.initial)
    ? field.initial
    : typeof field.initial === 'string'
      ? [field.initial]
      : [];
  const initial = options.filter((o) => wanted.includes(o.value ?? ''));
  return {
    type: 'multi_static_select',
    action_id: field.id,
    placeholder: plain('Choose…', 150),
    options,
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
}

function textElement(field: FormField): types.PlainTextInput {
  const max = field.maxLength ?? LIMITS.sectionText;
  const initial =
    typeof field.initial === 'string' && field.initial !== '' ? fitPlain(field.initial, max) : null;
  return {
    type: 'plain_text_input',
    action_id: field.id,
    multiline: field.kind === 'multiline',
    max_length: max,
    ...(initial ? { initial_value: initial } : {}),
  };
}

function dateTimeElement(field: FormField): types.DateTimepicker {
  const at = typeof field.initial === 'string' ? Date.parse(field.initial) : Number.NaN;
  return {
    type: 'datetimepicker',
    action_id: field.id,
    ...(Number.isNaN(at) ? {} : { initial_date_time: Math.floor(at / 1000) }),
  };
}

function element(field: FormField): types.InputBlockElement | null {
  const options = (field.options ?? []).slice(0, LIMITS.selectOptions).map(option);
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return textElement(field);
    case 'datetime':
      return dateTimeElement(field);
    // Slack refuses a select without options (e.g. a policy with no change models): leave the field out.
    case 'select':
      return options.length > 0 ? selectElement(field, options) : null;
    case 'multiselect':
      return options.length > 0 ? multiSelectElement(field, options) : null;
  }
}

/** One input block per form field; block_id and action_id are the neutral field id, so errors map back 1:1. */
export function renderFormInputs(form: ChangeFormView, windowRevision = 0): types.InputBlock[] {
  const blocks: types.InputBlock[] = [];
  for (const field of form.fields) {
    const el = element(field);
    if (!el) continue;
    blocks.push({
      type: 'input',
      // A slot pick bumps the window blocks' revision: Slack keeps typed values of an unchanged block_id.
      block_id: field.kind === 'datetime' ? windowBlockId(field.id, windowRevision) : field.id,
      label: plain(field.label, LIMITS.inputLabel),
      optional: !field.required,
      ...(field.hint ? { hint: plain(field.hint, LIMITS.inputHint) } : {}),
      element: el,
    });
  }
  return blocks;
}

function formModal(
  form: ChangeFormView,
  callbackId: string,
  privateMetadata: string,
  intro: string | null,
  schedule: FormSchedule = {},
): types.ModalView {
  const blocks: Block[] = [];
  if (intro) blocks.push(context([intro]));
  for (const input of renderFormInputs(form, schedule.windowRevision ?? 0)) {
    blocks.push(input);
    // The schedule check sits right under the window it checks.
    if (input.element.action_id === 'plannedEnd')
      blocks.push(...renderScheduleBlocks(schedule.advice ?? null));
  }
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(form.title, LIMITS.viewTitle),
    submit: plain(form.submitLabel, LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewSubmit),
    private_metadata: privateMetadata,
    blocks,
  };
}

/** The change form as a modal; `meta` (e.g. the source message's permalink) rides in private_metadata. */
export function renderChangeFormModal(
  form: ChangeFormView,
  meta: FormMeta,
  intro: string | null = null,
  schedule: FormSchedule = {},
): types.ModalView {
  return formModal(form, VIEW.changeForm, encodeRef(meta), intro, schedule);
}

/** The schedule check shown in the form, and the revision of the window blocks (see `windowBlockId`). */
export interface FormSchedule {
  readonly advice?: ScheduleAdviceView | null;
  readonly windowRevision?: number;
}

/** The form re-rendered around a schedule check, keeping the modal's callback, metadata and title. */
export function renderFormWithSchedule(
  form: ChangeFormView,
  view: { callback_id: string; private_metadata: string },
  intro: string | null,
  schedule: FormSchedule,
): types.ModalView {
  return formModal(form, view.callback_id, view.private_metadata, intro, schedule);
}

/** The same form editing a stored change; the `{changeId, version}` it was opened on rides in private_metadata. */
export function renderEditFormModal(
  form: ChangeFormView,
  ref: VersionRef,
  intro: string | null = null,
  schedule: FormSchedule = {},
): types.ModalView {
  return formModal(form, VIEW.editForm, encodeRef(ref), intro, schedule);
}

/** What saving an edit does, said before the requester saves (votes bind to the version they saw). */
export function editFormIntro(change: Pick<ChangeRecord, 'type' | 'state' | 'version'>): string {
  const next = `Saving makes this version ${change.version + 1}`;
  if (change.type === 'standard') return `${next}.`;
  const reopens = change.state === 'scheduled' ? ' and its approval is reopened' : '';
  return `${next}: earlier votes no longer count${reopens}.`;
}
