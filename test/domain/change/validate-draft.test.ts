import { describe, expect, it } from 'vitest';
import type { ChangeDraft } from '../../../src/domain/change/types.ts';
import { type DraftField, validateDraft } from '../../../src/domain/change/validate-draft.ts';
import { hoursAfter, MEDIUM_ANSWERS, makeDraft, makePolicy, minutesAfter, NOW } from '../fixtures.ts';

const ctx = { policy: makePolicy(), now: NOW };

const fieldErrors = (overrides: Partial<ChangeDraft>) => {
  const result = validateDraft(makeDraft(overrides), ctx);
  return result.ok ? {} : result.error.fieldErrors;
};

describe('validateDraft accepts', () => {
  it('a complete normal change and assesses its risk', () => {
    const result = validateDraft(makeDraft(), ctx);
    expect(result).toEqual({
      ok: true,
      value: { draft: makeDraft(), risk: { score: 0, level: 'low', reasons: [] }, model: null },
    });
  });

  it('trims the text and drops repeated or blank services', () => {
    const result = validateDraft(
      makeDraft({ title: '  Upgrade the wiki  ', services: [' wiki ', 'wiki', ''], testPlan: ' \n ' }),
      ctx,
    );
    expect(result.ok && result.value.draft).toMatchObject({
      title: 'Upgrade the wiki',
      services: ['wiki'],
      testPlan: '',
    });
  });

  it('counts the lead time from now to the planned start in the risk', () => {
    const result = validateDraft(
      makeDraft({ plannedStart: hoursAfter(NOW, 10), plannedEnd: hoursAfter(NOW, 11) }),
      ctx,
    );
    expect(result.ok && result.value.risk).toEqual({
      score: 2,
      level: 'low',
      reasons: ["less than 24 hours' notice (+2)"],
    });
  });

  it('rates the change by its most critical service', () => {
    const result = validateDraft(makeDraft({ services: ['wiki', 'payments'] }), ctx);
    expect(result.ok && result.value.risk.reasons).toEqual(['service is business-critical (+3)']);
  });

  it('a start up to five minutes in the past', () => {
    expect(fieldErrors({ plannedStart: minutesAfter(NOW, -4) })).toEqual({});
  });

  it('an emergency change that started up to an hour ago', () => {
    expect(fieldErrors({ type: 'emergency', plannedStart: minutesAfter(NOW, -59) })).toEqual({});
  });

  it('a window of exactly 14 days', () => {
    expect(fieldErrors({ plannedEnd: hoursAfter(NOW, 96 + 14 * 24) })).toEqual({});
  });

  it('a standard change without justification under a model that covers its services', () => {
    const result = validateDraft(
      makeDraft({ type: 'standard', justification: '', modelId: 'cert-renewal' }),
      ctx,
    );
    expect(result.ok && result.value.model?.id).toBe('cert-renewal');
  });

  it('any service under a model whose service list is empty', () => {
    const result = validateDraft(
      makeDraft({ type: 'standard', services: ['payments', 'crm'], modelId: 'os-patch' }),
      ctx,
    );
    expect(result.ok && result.value.model?.id).toBe('os-patch');
  });

  it('a normal change that names a model, ignoring the model', () => {
    const result = validateDraft(makeDraft({ modelId: 'cert-renewal' }), ctx);
    expect(result.ok && result.value.model).toBeNull();
    expect(result.ok && result.value.draft.modelId).toBeNull();
  });
});

describe('validateDraft refuses', () => {
  const longText = 'x'.repeat(3001);

  it.each([
    ['a missing title', { title: '   ' }, 'title', 'Give the change a title.'],
    ['a two-letter title', { title: ' ab ' }, 'title', 'The title needs at least 3 characters.'],
    [
      'a 151-character title',
      { title: 'x'.repeat(151) },
      'title',
      'The title can be at most 150 characters (it has 151).',
    ],
    ['a missing description', { description: '' }, 'description', 'Describe the change.'],
    [
      'a long description',
      { description: longText },
      'description',
      'The description can be at most 3,000 characters (it has 3,001).',
    ],
    [
      'a normal change without justification',
      { justification: '' },
      'justification',
      'Explain why this change is needed and what it is worth.',
    ],
    [
      'an emergency without justification',
      { type: 'emergency', justification: ' ' },
      'justification',
      'Explain why this change cannot wait.',
    ],
    [
      'a long justification',
      { justification: longText },
      'justification',
      'The justification can be at most 3,000 characters (it has 3,001).',
    ],
    ['no services', { services: [] }, 'services', 'Pick at least one affected service.'],
    ['an unknown service', { services: ['wiki', 'mainframe'] }, 'services', 'Unknown service: mainframe'],
    [
      'two unknown services',
      { services: ['mainframe', 'fax'] },
      'services',
      'Unknown services: mainframe, fax',
    ],
    [
      'an end equal to the start',
      { plannedEnd: hoursAfter(NOW, 96) },
      'plannedEnd',
      'The planned end must be after the planned start.',
    ],
    [
      'an end before the start',
      { plannedEnd: hoursAfter(NOW, 95) },
      'plannedEnd',
      'The planned end must be after the planned start.',
    ],
    [
      'a window over 14 days',
      { plannedEnd: minutesAfter(hoursAfter(NOW, 96 + 14 * 24), 1) },
      'plannedEnd',
      'The change window can be at most 14 days long.',
    ],
    [
      'a start six minutes ago',
      { plannedStart: minutesAfter(NOW, -6) },
      'plannedStart',
      'The planned start is in the past; pick a time from now on.',
    ],
    [
      'an emergency that started 61 minutes ago',
      { type: 'emergency', plannedStart: minutesAfter(NOW, -61) },
      'plannedStart',
      'An emergency change may have started at most an hour ago.',
    ],
    [
      'an invalid start',
      { plannedStart: new Date('not a date') },
      'plannedStart',
      'Enter a valid planned start.',
    ],
    ['an invalid end', { plannedEnd: new Date(Number.NaN) }, 'plannedEnd', 'Enter a valid planned end.'],
    [
      'a missing implementation plan',
      { implementationPlan: '' },
      'implementationPlan',
      'Describe how the change will be carried out.',
    ],
    [
      'a long implementation plan',
      { implementationPlan: longText },
      'implementationPlan',
      'The implementation plan can be at most 3,000 characters (it has 3,001).',
    ],
    [
      'a medium-risk change without backout plan',
      { risk: MEDIUM_ANSWERS, backoutPlan: '' },
      'backoutPlan',
      'A backout plan is required for medium-risk changes.',
    ],
    [
      'a high-risk change without test plan',
      { risk: MEDIUM_ANSWERS, services: ['payments'], testPlan: '' },
      'testPlan',
      'A test plan is required for high-risk changes.',
    ],
    [
      'a standard change without model',
      { type: 'standard' },
      'modelId',
      'Pick the change model this standard change follows.',
    ],
    [
      'a standard change with an unknown model',
      { type: 'standard', modelId: 'teleport' },
      'modelId',
      'Unknown change model: teleport',
    ],
    [
      'a standard change on a service its model does not cover',
      { type: 'standard', modelId: 'cert-renewal', services: ['wiki', 'crm'] },
      'services',
      "The model 'TLS certificate renewal' does not cover crm; raise it as a normal change.",
    ],
    [
      'a standard change riskier than its model allows',
      {
        type: 'standard',
        modelId: 'cert-renewal',
        services: ['web'],
        risk: { ...MEDIUM_ANSWERS, backout: 'easy' },
      },
      'risk',
      'This change is riskier than the model allows (medium > low); raise it as a normal change.',
    ],
  ] as [string, Partial<ChangeDraft>, DraftField, string][])(
    '%s, on the field %s',
    (_what, overrides, field, message) => {
      expect(fieldErrors(overrides)).toEqual({ [field]: message });
    },
  );

  it('a low-risk change without backout or test plan is fine', () => {
    expect(fieldErrors({ backoutPlan: '', testPlan: '' })).toEqual({});
  });

  it('reports every problem at once, with a summary in form order', () => {
    const result = validateDraft(makeDraft({ title: '', services: [], implementationPlan: ' ' }), ctx);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_draft',
        message: 'Please correct 3 fields: title, affected services, implementation plan.',
        fieldErrors: {
          title: 'Give the change a title.',
          services: 'Pick at least one affected service.',
          implementationPlan: 'Describe how the change will be carried out.',
        },
      },
    });
  });

  it('summarises a single problem by its field', () => {
    const result = validateDraft(makeDraft({ title: '' }), ctx);
    expect(!result.ok && result.error.message).toBe('Please correct the title.');
  });

  it('keeps the unknown-service error over the model coverage error, and still checks the model risk', () => {
    const draft = makeDraft({
      type: 'standard',
      modelId: 'cert-renewal',
      services: ['mainframe', 'web'],
      risk: { ...MEDIUM_ANSWERS, backout: 'easy' },
    });
    const result = validateDraft(draft, ctx);
    expect(!result.ok && result.error.fieldErrors).toEqual({
      services: 'Unknown service: mainframe',
      risk: 'This change is riskier than the model allows (medium > low); raise it as a normal change.',
    });
  });
});
