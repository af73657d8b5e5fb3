import type { ChangeModel, Policy } from '../policy/types.ts';
import type { Result } from '../result.ts';
import { assessRisk, highestCriticality, RISK_LABELS, type RiskAssessment, riskAtLeast } from './risk.ts';
import type { ChangeDraft, RiskLevel } from './types.ts';

export type DraftField = keyof ChangeDraft | 'risk';

export interface DraftInvalid {
  readonly code: 'invalid_draft';
  readonly message: string;
  /** One short sentence per field, for the person filling in the form. */
  readonly fieldErrors: Partial<Record<DraftField, string>>;
}

export interface ValidDraft {
  /** The draft with text trimmed, services de-duplicated, and a model only for standard changes. */
  readonly draft: ChangeDraft;
  readonly risk: RiskAssessment;
  /** The change model a standard change follows; null for normal and emergency changes. */
  readonly model: ChangeModel | null;
}

export interface DraftContext {
  readonly policy: Policy;
  readonly now: Date;
}

const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const TITLE_MIN = 3;
const TITLE_MAX = 150;
// Also the longest text a Slack modal input accepts, so no form can be refused for a length it allowed.
const TEXT_MAX = 3000;
export const MAX_WINDOW_DAYS = 14;
// Clock skew and form-filling time: a start "now" must not be refused a minute later.
const START_GRACE_MS = 5 * MINUTE_MS;
// An emergency change may be raised after the work has begun to restore service.
const EMERGENCY_START_GRACE_MS = 60 * MINUTE_MS;

// In the order the form shows them.
const FIELD_LABELS: Record<DraftField, string> = {
  type: 'type',
  modelId: 'change model',
  title: 'title',
  description: 'description',
  justification: 'justification',
  freezeJustification: 'freeze justification',
  services: 'affected services',
  plannedStart: 'planned start',
  plannedEnd: 'planned end',
  risk: 'risk',
  implementationPlan: 'implementation plan',
  backoutPlan: 'backout plan',
  testPlan: 'test plan',
};

const tooLong = (what: string, text: string): string | undefined =>
  text.length > TEXT_MAX
    ? `The ${what} can be at most ${TEXT_MAX.toLocaleString('en')} characters (it has ${text.length.toLocaleString('en')}).`
    : undefined;

const isValidDate = (d: Date): boolean => !Number.isNaN(d.getTime());

const normalise = (draft: ChangeDraft): ChangeDraft => {
  const modelId = draft.modelId?.trim() ?? '';
  return {
    ...draft,
    title: draft.title.trim(),
    description: draft.description.trim(),
    justification: draft.justification.trim(),
    ...(draft.freezeJustification === undefined
      ? {}
      : { freezeJustification: draft.freezeJustification.trim() }),
    services: [...new Set(draft.services.map((s) => s.trim()).filter((s) => s !== ''))],
    implementationPlan: draft.implementationPlan.trim(),
    backoutPlan: draft.backoutPlan.trim(),
    testPlan: draft.testPlan.trim(),
    // A model only pre-authorises standard changes; on other types it would be misleading, so it is dropped.
    modelId: draft.type === 'standard' && modelId !== '' ? modelId : null,
  };
};

const textErrors = (d: ChangeDraft, errors: Partial<Record<DraftField, string>>): void => {
  if (d.title === '') errors.title = 'Give the change a title.';
  else if (d.title.length < TITLE_MIN) errors.title = `The title needs at least ${TITLE_MIN} characters.`;
  else if (d.title.length > TITLE_MAX)
    errors.title = `The title can be at most ${TITLE_MAX} characters (it has ${d.title.length}).`;

  errors.description = d.description === '' ? 'Describe the change.' : tooLong('description', d.description);

  const justificationNeeded = d.type !== 'standard';
  if (justificationNeeded && d.justification === '') {
    errors.justification =
      d.type === 'emergency'
        ? 'Explain why this change cannot wait.'
        : 'Explain why this change is needed and what it is worth.';
  } else errors.justification = tooLong('justification', d.justification);

  errors.implementationPlan =
    d.implementationPlan === ''
      ? 'Describe how the change will be carried out.'
      : tooLong('implementation plan', d.implementationPlan);
  errors.backoutPlan = tooLong('backout plan', d.backoutPlan);
  errors.testPlan = tooLong('test plan', d.testPlan);
};

const windowErrors = (d: ChangeDraft, now: Date, errors: Partial<Record<DraftField, string>>): void => {
  const startOk = isValidDate(d.plannedStart);
  const endOk = isValidDate(d.plannedEnd);
  if (!startOk) errors.plannedStart = 'Enter a valid planned start.';
  if (!endOk) errors.plannedEnd = 'Enter a valid planned end.';
  if (!startOk || !endOk) return;

  const start = d.plannedStart.getTime();
  const end = d.plannedEnd.getTime();
  if (d.type === 'emergency') {
    if (start < now.getTime() - EMERGENCY_START_GRACE_MS)
      errors.plannedStart = 'An emergency change may have started at most an hour ago.';
  } else if (start < now.getTime() - START_GRACE_MS) {
    errors.plannedStart = 'The planned start is in the past; pick a time from now on.';
  }
  if (end <= start) errors.plannedEnd = 'The planned end must be after the planned start.';
  else if (end - start > MAX_WINDOW_DAYS * 24 * HOUR_MS)
    errors.plannedEnd = `The change window can be at most ${MAX_WINDOW_DAYS} days long.`;
};

const riskLabel = (level: RiskLevel): string => RISK_LABELS[level].toLowerCase();

const modelErrors = (
  d: ChangeDraft,
  risk: RiskAssessment,
  policy: Policy,
  errors: Partial<Record<DraftField, string>>,
): ChangeModel | null => {
  if (d.type !== 'standard') return null;
  if (d.modelId === null) {
    errors.modelId = 'Pick the change model this standard change follows.';
    return null;
  }
  const model = policy.models.find((m) => m.id === d.modelId);
  if (!model) {
    errors.modelId = `Unknown change model: ${d.modelId}`;
    return null;
  }
  const uncovered = d.services.filter((s) => model.services.length > 0 && !model.services.includes(s));
  if (uncovered.length > 0) {
    // An unknown service already has its own error, which says more.
    errors.services ??= `The model '${model.name}' does not cover ${uncovered.join(', ')}; raise it as a normal change.`;
  }
  if (!riskAtLeast(model.maxRisk, risk.level)) {
    errors.risk = `This change is riskier than the model allows (${riskLabel(risk.level)} > ${riskLabel(model.maxRisk)}); raise it as a normal change.`;
  }
  return model;
};

const summary = (fields: DraftField[]): string => {
  const names = fields.map((f) => FIELD_LABELS[f]);
  return names.length === 1
    ? `Please correct the ${names[0]}.`
    : `Please correct ${names.length} fields: ${names.join(', ')}.`;
};

/**
 * Validates a change request before submission (ITIL: an RFC records what, why, where, when, how and how to back
 * out) and assesses its risk. Every problem is reported at once, each on its own form field.
 */
export const validateDraft = (input: ChangeDraft, ctx: DraftContext): Result<ValidDraft, DraftInvalid> => {
  const { policy, now } = ctx;
  const draft = normalise(input);
  const errors: Partial<Record<DraftField, string>> = {};

  textErrors(draft, errors);
  windowErrors(draft, now, errors);

  const known = new Map(policy.services.map((s) => [s.id, s]));
  const unknown = draft.services.filter((id) => !known.has(id));
  if (draft.services.length === 0) errors.services = 'Pick at least one affected service.';
  else if (unknown.length > 0)
    errors.services = `Unknown service${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;

  const criticality = highestCriticality(draft.services.flatMap((id) => known.get(id)?.criticality ?? []));
  const leadTimeHours = (draft.plannedStart.getTime() - now.getTime()) / HOUR_MS;
  const risk = assessRisk({ answers: draft.risk, criticality, leadTimeHours });

  const { backoutRequiredFrom, testPlanRequiredFrom } = policy.defaults;
  if (draft.backoutPlan === '' && riskAtLeast(risk.level, backoutRequiredFrom))
    errors.backoutPlan = `A backout plan is required for ${riskLabel(risk.level)}-risk changes.`;
  if (draft.testPlan === '' && riskAtLeast(risk.level, testPlanRequiredFrom))
    errors.testPlan = `A test plan is required for ${riskLabel(risk.level)}-risk changes.`;

  const model = modelErrors(draft, risk, policy, errors);

  // Reported in form order, so the summary reads top to bottom.
  const fields = (Object.keys(FIELD_LABELS) as DraftField[]).filter((f) => errors[f] !== undefined);
  if (fields.length > 0) {
    const fieldErrors = Object.fromEntries(fields.map((f) => [f, errors[f]])) as Partial<
      Record<DraftField, string>
    >;
    return { ok: false, error: { code: 'invalid_draft', message: summary(fields), fieldErrors } };
  }
  return { ok: true, value: { draft, risk, model } };
};
