import { CHANGE_TYPES, type ChangeDraft, type ChangeType, type RiskAnswers } from '../change/types.ts';
import type { DraftField } from '../change/validate-draft.ts';
import type { Policy } from '../policy/types.ts';
import { ok, type Result } from '../result.ts';

/** Every input of the change form; both platforms use these ids, so field errors land on the same field. */
export const FORM_FIELD_IDS = [
  'title',
  'type',
  'modelId',
  'services',
  'plannedStart',
  'plannedEnd',
  'description',
  'justification',
  'impact',
  'complexity',
  'tested',
  'backout',
  'failedBefore',
  'implementationPlan',
  'backoutPlan',
  'testPlan',
  // The change schedule: shown only when the policy has soft freezes (README "Change schedule").
  'freezeJustification',
] as const;
export type FormFieldId = (typeof FORM_FIELD_IDS)[number];

/** What a platform hands back from a submitted form: strings (dates as ISO-8601 instants), lists for multi-selects. */
export type ChangeFormValues = Partial<Record<FormFieldId, string | readonly string[] | null>>;

export interface FormOption {
  readonly value: string;
  readonly label: string;
}

export interface FormField {
  readonly id: FormFieldId;
  readonly label: string;
  readonly kind: 'text' | 'multiline' | 'select' | 'multiselect' | 'datetime';
  readonly required: boolean;
  readonly hint: string | null;
  readonly maxLength?: number;
  readonly options?: readonly FormOption[];
  /** The value to show: a string, a list for multi-selects, an ISO instant for datetimes. */
  readonly initial: string | readonly string[] | null;
}

/** A platform-neutral form: the Slack renderer makes a modal of it, the Teams renderer an Adaptive Card. */
export interface ChangeFormView {
  readonly title: string;
  readonly submitLabel: string;
  readonly fields: readonly FormField[];
}

const opts = (pairs: Record<string, string>): FormOption[] =>
  Object.entries(pairs).map(([value, label]) => ({ value, label }));

export const RISK_QUESTIONS = {
  impact: {
    label: 'Impact on users while it runs',
    options: opts({ none: 'None', degraded: 'Degraded service', outage: 'Outage' }),
  },
  complexity: {
    label: 'Complexity',
    options: opts({ simple: 'Simple', moderate: 'Moderate', complex: 'Complex' }),
  },
  tested: {
    label: 'Tested in a production-like environment?',
    options: opts({ yes: 'Yes', partially: 'Partially', no: 'No' }),
  },
  backout: {
    label: 'How hard is it to back out?',
    options: opts({ easy: 'Easy', hard: 'Hard', impossible: 'Impossible' }),
  },
  failedBefore: {
    label: 'Did changes to these services fail in the last 90 days?',
    options: opts({ no: 'No', yes: 'Yes' }),
  },
} as const;

const TYPE_OPTIONS = opts({
  normal: 'Normal (CAB approval)',
  standard: 'Standard (pre-approved model)',
  emergency: 'Emergency (expedited ECAB)',
});

/** The soft-freeze justification, on the form only when the policy has a soft freeze it could be needed for. */
function freezeJustificationField(policy: Policy, initial: string | readonly string[] | null): FormField[] {
  if (!(policy.freezes ?? []).some((f) => f.level === 'soft')) return [];
  return [
    {
      id: 'freezeJustification',
      label: 'Freeze justification',
      kind: 'multiline',
      required: false,
      hint: 'Required only when the window falls in a soft change freeze: why it cannot wait.',
      maxLength: 3000,
      initial,
    },
  ];
}

/** Builds the change form from the policy's catalogue (services, models), optionally prefilled. */
export function buildChangeForm(
  policy: Policy,
  initial: ChangeFormValues = {},
  title = 'Raise a change',
): ChangeFormView {
  const value = (id: FormFieldId, fallback: string | null = null) => initial[id] ?? fallback;
  const text = (id: FormFieldId, label: string, required: boolean, hint: string | null, maxLength: number) =>
    ({ id, label, kind: 'text', required, hint, maxLength, initial: value(id) }) as const;
  const multiline = (id: FormFieldId, label: string, required: boolean, hint: string | null) =>
    ({ id, label, kind: 'multiline', required, hint, maxLength: 3000, initial: value(id) }) as const;
  const risk = (id: keyof typeof RISK_QUESTIONS) =>
    ({
      id,
      label: RISK_QUESTIONS[id].label,
      kind: 'select',
      required: true,
      hint: null,
      options: RISK_QUESTIONS[id].options,
      initial: value(id),
    }) as const;
  const fields: FormField[] = [
    text('title', 'Title', true, null, 150),
    {
      id: 'type',
      label: 'Type',
      kind: 'select',
      required: true,
      hint: null,
      options: TYPE_OPTIONS,
      initial: value('type', 'normal'),
    },
    {
      id: 'modelId',
      label: 'Change model (standard changes)',
      kind: 'select',
      required: false,
      hint: 'Standard changes must follow a pre-approved model.',
      options: policy.models.map((m) => ({ value: m.id, label: m.name })),
      initial: value('modelId'),
    },
    {
      id: 'services',
      label: 'Affected services',
      kind: 'multiselect',
      required: true,
      hint: null,
      options: policy.services.map((s) => ({ value: s.id, label: s.name })),
      initial: value('services', null),
    },
    {
      id: 'plannedStart',
      label: 'Planned start',
      kind: 'datetime',
      required: true,
      hint: null,
      initial: value('plannedStart'),
    },
    {
      id: 'plannedEnd',
      label: 'Planned end',
      kind: 'datetime',
      required: true,
      hint: null,
      initial: value('plannedEnd'),
    },
    ...freezeJustificationField(policy, value('freezeJustification')),
    multiline('description', 'Description', true, 'What will change, and where.'),
    multiline(
      'justification',
      'Justification',
      false,
      'Why now; the business value. Required for normal and emergency changes.',
    ),
    risk('impact'),
    risk('complexity'),
    risk('tested'),
    risk('backout'),
    risk('failedBefore'),
    multiline('implementationPlan', 'Implementation plan', true, null),
    multiline('backoutPlan', 'Backout plan', false, 'Required from medium risk up.'),
    multiline('testPlan', 'Test plan', false, 'Required from high risk up.'),
  ];
  return { title, submitLabel: 'Submit', fields };
}

export type FormErrors = Partial<Record<FormFieldId, string>>;

const one = (v: string | readonly string[] | null | undefined): string =>
  (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
const many = (v: string | readonly string[] | null | undefined): string[] =>
  (typeof v === 'string' ? (v ? [v] : []) : [...(v ?? [])]).map((s) => s.trim()).filter(Boolean);

function pick<T extends string>(raw: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(raw) ? (raw as T) : null;
}

/** Turns submitted form values into a draft; unreadable values become field errors (business rules come later). */
export function parseChangeForm(values: ChangeFormValues): Result<ChangeDraft, { fieldErrors: FormErrors }> {
  const errors: FormErrors = {};
  const date = (id: 'plannedStart' | 'plannedEnd'): Date => {
    const raw = one(values[id]);
    const parsed = raw ? new Date(raw) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime()))
      errors[id] = raw ? 'Enter a valid date and time.' : 'Pick a date and time.';
    return parsed;
  };
  const choice = <T extends string>(id: FormFieldId, allowed: readonly T[], fallback: T): T => {
    const picked = pick(one(values[id]), allowed);
    if (!picked) errors[id] = 'Choose one of the options.';
    return picked ?? fallback;
  };
  const type = choice<ChangeType>('type', CHANGE_TYPES, 'normal');
  const risk: RiskAnswers = {
    impact: choice('impact', ['none', 'degraded', 'outage'], 'none'),
    complexity: choice('complexity', ['simple', 'moderate', 'complex'], 'simple'),
    tested: choice('tested', ['yes', 'partially', 'no'], 'yes'),
    backout: choice('backout', ['easy', 'hard', 'impossible'], 'easy'),
    failedBefore: choice('failedBefore', ['yes', 'no'], 'no') === 'yes',
  };
  const draft: ChangeDraft = {
    title: one(values.title),
    description: one(values.description),
    justification: one(values.justification),
    type,
    services: many(values.services),
    plannedStart: date('plannedStart'),
    plannedEnd: date('plannedEnd'),
    risk,
    implementationPlan: one(values.implementationPlan),
    backoutPlan: one(values.backoutPlan),
    testPlan: one(values.testPlan),
    modelId: one(values.modelId) || null,
    ...(one(values.freezeJustification) ? { freezeJustification: one(values.freezeJustification) } : {}),
  };
  if (Object.keys(errors).length > 0) return { ok: false, error: { fieldErrors: errors } };
  return ok(draft);
}

/** Where a business-rule error on a draft field shows in the form (risk errors go to the first risk question). */
export function formFieldFor(field: DraftField): FormFieldId {
  return field === 'risk' ? 'impact' : field;
}

/** Maps a draft's field errors to form fields, merging several onto one field if needed. */
export function toFormErrors(fieldErrors: Partial<Record<DraftField, string>>): FormErrors {
  const out: FormErrors = {};
  for (const [field, message] of Object.entries(fieldErrors) as [DraftField, string][]) {
    const id = formFieldFor(field);
    out[id] = out[id] ? `${out[id]} ${message}` : message;
  }
  return out;
}

/** Values of a stored draft, for prefilling an edit form. */
export function formValuesOf(draft: ChangeDraft): ChangeFormValues {
  return {
    title: draft.title,
    type: draft.type,
    modelId: draft.modelId,
    services: draft.services,
    plannedStart: draft.plannedStart.toISOString(),
    plannedEnd: draft.plannedEnd.toISOString(),
    description: draft.description,
    justification: draft.justification,
    impact: draft.risk.impact,
    complexity: draft.risk.complexity,
    tested: draft.risk.tested,
    backout: draft.risk.backout,
    failedBefore: draft.risk.failedBefore ? 'yes' : 'no',
    implementationPlan: draft.implementationPlan,
    backoutPlan: draft.backoutPlan,
    testPlan: draft.testPlan,
  };
}
