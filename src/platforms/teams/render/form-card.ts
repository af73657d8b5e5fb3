import type { ChangeFormView, FormErrors, FormField } from '../../../domain/views/change-form.ts';
import type { ScheduleAdviceView } from '../../../domain/views/schedule-advice.ts';
import { dateInputId, type FormInputs, timeInputId } from '../forms/form-inputs.ts';
import { type AdaptiveCard, type CardElement, card, type ExecuteAction } from './adaptive-card.ts';
import { scheduleElements } from './schedule-advice.ts';
import { systemText, userText } from './text.ts';

export interface FormCardOptions {
  /** What each input shows: the prefill, or what the user submitted (kept when the form comes back with errors). */
  readonly inputs: FormInputs;
  readonly errors?: FormErrors;
  /** A problem that belongs to no single field. */
  readonly message?: string | null;
  /** The zone the date and time inputs are read in (said on the form, since Teams' inputs carry none). */
  readonly timeZone: string;
  readonly submit: { readonly verb: ExecuteAction['verb']; readonly data: ExecuteAction['data'] };
  /** The schedule check of the window (conflicts, free windows), shown under the window fields. */
  readonly advice?: ScheduleAdviceView | null;
}

function inputsFor(field: FormField, inputs: FormInputs, timeZone: string): CardElement[] {
  const required = field.required ? { isRequired: true, errorMessage: `${field.label} is required.` } : {};
  const value = (key: string) =>
    inputs[key] === undefined || inputs[key] === '' ? {} : { value: inputs[key] };
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return [
        {
          type: 'Input.Text',
          id: field.id,
          label: field.label,
          ...(field.kind === 'multiline' ? { isMultiline: true } : {}),
          ...(field.maxLength ? { maxLength: field.maxLength } : {}),
          ...required,
          ...value(field.id),
        },
      ];
    case 'select':
    case 'multiselect':
      return [
        {
          type: 'Input.ChoiceSet',
          id: field.id,
          label: field.label,
          style: 'compact',
          ...(field.kind === 'multiselect' ? { isMultiSelect: true } : {}),
          ...(field.required ? {} : { placeholder: 'None' }),
          choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
          ...required,
          ...value(field.id),
        },
      ];
    case 'datetime':
      return [
        {
          type: 'Input.Date',
          id: dateInputId(field.id),
          label: `${field.label} (${timeZone})`,
          ...required,
          ...value(dateInputId(field.id)),
        },
        {
          type: 'Input.Time',
          id: timeInputId(field.id),
          // Announced by screen readers and required by hosts for a required input (adaptivecards validates it).
          label: `${field.label} time (${timeZone})`,
          spacing: 'small',
          ...required,
          ...value(timeInputId(field.id)),
        },
      ];
  }
}

/**
 * The change form as an Adaptive Card (Teams has no modal dialog without a task module, and a card keeps the
 * flow in the chat). Each field's error sits right under its input, and every input keeps what was typed.
 */
export function renderChangeForm(form: ChangeFormView, opts: FormCardOptions): AdaptiveCard {
  const errors = opts.errors ?? {};
  const body: CardElement[] = [systemText(form.title, { style: 'heading', size: 'large', weight: 'bolder' })];
  const errorCount = Object.keys(errors).length;
  if (opts.message || errorCount > 0) {
    const summary =
      errorCount > 0
        ? `Please fix ${errorCount === 1 ? 'the field' : `the ${errorCount} fields`} marked below.`
        : '';
    body.push({
      type: 'Container',
      style: 'attention',
      items: [
        ...(opts.message ? [userText(opts.message)] : []),
        ...(summary ? [systemText(summary, { spacing: 'none' })] : []),
      ],
    });
  }
  body.push(systemText(`Times are in ${opts.timeZone}.`, { isSubtle: true, size: 'small' }));
  for (const field of form.fields) {
    body.push(...inputsFor(field, opts.inputs, opts.timeZone));
    if (field.hint) body.push(systemText(field.hint, { isSubtle: true, size: 'small', spacing: 'none' }));
    const error = errors[field.id];
    if (error) body.push(systemText(error, { color: 'attention', size: 'small', spacing: 'none' }));
    if (field.id === 'plannedEnd') body.push(...scheduleElements(opts.advice ?? null, opts.submit.data));
  }
  return card({
    body,
    actions: [
      { type: 'Action.Execute', title: form.submitLabel, verb: opts.submit.verb, data: opts.submit.data },
    ],
    fallbackText: form.title,
  });
}
