import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { Policy } from '../../src/domain/policy/types.ts';
import { POLICY_DEFAULTS, policySchema } from '../../src/policy/policy-schema.ts';

/** Readonly-ness is the only allowed difference between the parsed value and the domain interface. */
type DeepMutable<T> = T extends readonly (infer U)[]
  ? DeepMutable<U>[]
  : T extends object
    ? { -readonly [K in keyof T]: DeepMutable<T[K]> }
    : T;

describe('policySchema', () => {
  it('produces exactly the Policy type of the domain, field for field', () => {
    // Checked by `tsc --noEmit`: adding, removing or retyping a field on either side breaks the build.
    expectTypeOf<DeepMutable<z.output<typeof policySchema>>>().toEqualTypeOf<DeepMutable<Policy>>();
  });

  it('fills every default into an empty document', () => {
    expect(policySchema.parse(null)).toEqual({
      services: [],
      boards: [],
      models: [],
      routes: [],
      defaults: POLICY_DEFAULTS,
    });
    expect(POLICY_DEFAULTS).toEqual({
      expiryHours: 72,
      reminderHours: 24,
      backoutRequiredFrom: 'medium',
      testPlanRequiredFrom: 'high',
      timezone: 'UTC',
    });
  });

  it('fills names, lists and criticality left out of services, boards and models', () => {
    const policy = policySchema.parse({
      services: [{ id: 'web' }],
      boards: [{ id: 'cab' }],
      models: [{ id: 'restart' }],
      defaults: { expiryHours: 48 },
    });
    expect(policy.services).toEqual([{ id: 'web', name: 'web', criticality: 'medium' }]);
    expect(policy.boards).toEqual([
      { id: 'cab', name: 'cab', members: [], channels: { slack: [], teams: [] } },
    ]);
    expect(policy.models).toEqual([
      { id: 'restart', name: 'restart', description: '', services: [], maxRisk: 'low' },
    ]);
    expect(policy.defaults).toEqual({ ...POLICY_DEFAULTS, expiryHours: 48 });
  });

  it('reads a rule name as a rule and a single risk level as a list', () => {
    const policy = policySchema.parse({
      routes: [{ type: 'normal', risk: 'high', board: 'cab', rule: 'majority' }],
    });
    expect(policy.routes).toEqual([
      { type: 'normal', risk: ['high'], board: 'cab', rule: { kind: 'majority' } },
    ]);
  });

  it('lower-cases member e-mail addresses so they match profiles case-insensitively', () => {
    const policy = policySchema.parse({ boards: [{ id: 'cab', members: [{ email: 'Alice@Example.COM' }] }] });
    expect(policy.boards[0]?.members).toEqual([{ email: 'alice@example.com' }]);
  });

  it('rejects unknown keys, bad time zones and ids with spaces', () => {
    const result = policySchema.safeParse({
      boards: [{ id: 'change board', colour: 'blue' }],
      defaults: { timezone: 'Mars/Olympus_Mons' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'boards.0',
      'boards.0.id',
      'defaults.timezone',
    ]);
  });
});
