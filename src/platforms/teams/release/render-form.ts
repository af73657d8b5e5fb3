import type { ReleaseModel } from '../../../domain/release/types.ts';
import { type AdaptiveCard, type CardElement, card } from '../render/adaptive-card.ts';
import { systemText } from '../render/text.ts';
import { execute, RELEASE_INPUT, RELEASE_VERB } from './render.ts';

export type ReleaseFormErrors = Readonly<Partial<Record<'model' | 'name' | 'start' | 'window', string>>>;

/** The release form: errors sit under their fields, and every input keeps what was typed. */
export function renderReleaseForm(opts: {
  models: readonly ReleaseModel[];
  inputs: Readonly<Record<string, string>>;
  errors: ReleaseFormErrors;
  timeZone: string;
  message?: string;
}): AdaptiveCard {
  const v = (id: string) => (opts.inputs[id] ? { value: opts.inputs[id] } : {});
  const error = (field: keyof ReleaseFormErrors): CardElement[] =>
    opts.errors[field]
      ? [systemText(opts.errors[field]!, { color: 'attention', size: 'small', spacing: 'none' })]
      : [];
  const count = Object.keys(opts.errors).length;
  const body: CardElement[] = [systemText('Plan a release', { weight: 'bolder', size: 'medium' })];
  if (count > 0 || opts.message)
    body.push(
      systemText(
        opts.message ?? `Please fix ${count === 1 ? 'the field' : `the ${count} fields`} marked below.`,
        { color: 'attention' },
      ),
    );
  body.push(
    {
      type: 'Input.ChoiceSet',
      id: RELEASE_INPUT.model,
      label: 'Release model',
      style: 'compact',
      isRequired: true,
      errorMessage: 'Choose a release model.',
      choices: opts.models.map((m) => ({ title: m.name, value: m.id })),
      ...v(RELEASE_INPUT.model),
    },
    ...error('model'),
    {
      type: 'Input.Text',
      id: RELEASE_INPUT.name,
      label: 'Name or version',
      maxLength: 150,
      ...v(RELEASE_INPUT.name),
    },
    ...error('name'),
    {
      type: 'Input.Date',
      id: RELEASE_INPUT.startDate,
      label: `Planned start (${opts.timeZone})`,
      isRequired: true,
      errorMessage: 'Give the planned start.',
      ...v(RELEASE_INPUT.startDate),
    },
    {
      type: 'Input.Time',
      id: RELEASE_INPUT.startTime,
      label: 'Start time',
      spacing: 'small',
      isRequired: true,
      errorMessage: 'Give the start time.',
      ...v(RELEASE_INPUT.startTime),
    },
    ...error('start'),
    {
      type: 'Input.Text',
      id: RELEASE_INPUT.window,
      label: 'Window length (e.g. 2h; empty: the model’s)',
      maxLength: 20,
      ...v(RELEASE_INPUT.window),
    },
    ...error('window'),
  );
  return card({
    body,
    actions: [execute('Plan release', RELEASE_VERB.submit, { tz: opts.timeZone }, 'positive')],
  });
}
