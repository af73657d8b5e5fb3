import { describe, expect, it } from 'vitest';
import {
  checkStepUp,
  type FingerprintSource,
  fingerprintText,
  needsStepUp,
} from '../../../src/domain/approval/step-up.ts';
import { hoursAfter, NOW } from '../fixtures.ts';

describe('whether an approval needs a step-up', () => {
  it.each([
    // route stepUp, risk level, defaults.stepUpRisk, needed
    [undefined, 'high', ['high', 'very_high'], true],
    [undefined, 'very_high', ['high', 'very_high'], true],
    [undefined, 'medium', ['high', 'very_high'], false],
    [undefined, 'high', undefined, false],
    [true, 'low', undefined, true],
    [false, 'very_high', ['very_high'], false],
  ] as const)('route %s, %s risk, defaults %j → %s', (stepUp, level, stepUpRisk, expected) => {
    const route = stepUp === undefined ? {} : { stepUp };
    const defaults = stepUpRisk === undefined ? {} : { stepUpRisk };
    expect(needsStepUp(route, level, defaults)).toBe(expected);
  });
});

const source: FingerprintSource = {
  id: 4,
  version: 2,
  plannedStart: hoursAfter(NOW, 96),
  plannedEnd: hoursAfter(NOW, 98),
  services: ['web', 'crm'],
  implementationPlan: 'Deploy.',
  backoutPlan: 'Roll back.',
  testPlan: 'Smoke test.',
};

describe('the fingerprint of what is approved', () => {
  it('ignores the order of services but nothing else', () => {
    expect(fingerprintText({ ...source, services: ['crm', 'web'] })).toBe(fingerprintText(source));
    const variants: Partial<FingerprintSource>[] = [
      { version: 3 },
      { plannedStart: hoursAfter(NOW, 95) },
      { plannedEnd: hoursAfter(NOW, 99) },
      { services: ['web'] },
      { implementationPlan: 'Deploy!' },
      { backoutPlan: 'Roll back fast.' },
      { testPlan: '' },
    ];
    for (const v of variants) expect(fingerprintText({ ...source, ...v })).not.toBe(fingerprintText(source));
  });
});

describe('checking a step-up', () => {
  const base = { required: true, current: 'abc', changeId: 4 };
  it('never lets a plain approve count', () => {
    const check = checkStepUp({ ...base, confirmed: null });
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error.code).toBe('step_up_required');
  });
  it('refuses a confirmation of other content', () => {
    const check = checkStepUp({ ...base, confirmed: 'abd' });
    expect(!check.ok && check.error.code).toBe('fingerprint_changed');
  });
  it('accepts a confirmation of the content stored now, and anything when no step-up is needed', () => {
    expect(checkStepUp({ ...base, confirmed: 'abc' }).ok).toBe(true);
    expect(checkStepUp({ ...base, required: false, confirmed: null }).ok).toBe(true);
  });
});
