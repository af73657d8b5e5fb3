import { describe, expect, it } from 'vitest';
import { crossCheck } from '../../src/policy/cross-checks.ts';
import { defaultPolicy } from '../../src/policy/default-policy.ts';
import { DEFAULT_POLICY_NAME, loadPolicy } from '../../src/policy/load-policy.ts';
import type { PolicyProblem } from '../../src/policy/policy-error.ts';
import { policySchema } from '../../src/policy/policy-schema.ts';

describe('the built-in default policy', () => {
  it('passes the same schema a policy file must pass, unchanged', () => {
    expect(policySchema.parse(defaultPolicy)).toEqual(defaultPolicy);
  });

  it('has no cross-reference errors, only warnings about its empty boards', () => {
    const findings = crossCheck(defaultPolicy);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.map((f) => f.message)).toEqual([
      'board "cab" has no members: nobody can approve the changes routed to it',
      'board "ecab" has no members: nobody can approve the changes routed to it',
    ]);
  });

  it('routes normal changes to the CAB with stricter rules as risk rises, and emergencies to the ECAB', () => {
    const rules = defaultPolicy.routes.map((r) => [r.type, r.risk?.join() ?? '*', r.board, r.rule]);
    expect(rules).toEqual([
      ['normal', 'low', 'cab', { kind: 'any' }],
      ['normal', 'medium', 'cab', { kind: 'n_of_m', n: 2 }],
      ['normal', 'high', 'cab', { kind: 'majority' }],
      ['normal', 'very_high', 'cab', { kind: 'all' }],
      ['emergency', '*', 'ecab', { kind: 'any' }],
    ]);
    expect(defaultPolicy.routes.at(-1)?.veto).toBe(true);
  });

  it('is what loadPolicy returns without a file, with its warnings reported', () => {
    const warnings: PolicyProblem[] = [];
    const result = loadPolicy(null, { onWarning: (w) => warnings.push(w) });
    expect(result).toEqual({ ok: true, value: defaultPolicy });
    expect(warnings.map((w) => [w.file, w.path, w.severity])).toEqual([
      [DEFAULT_POLICY_NAME, 'boards[0]', 'warning'],
      [DEFAULT_POLICY_NAME, 'boards[1]', 'warning'],
    ]);
  });
});
