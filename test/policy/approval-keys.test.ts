import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/domain/policy/types.ts';
import type { Result } from '../../src/domain/result.ts';
import { parsePolicy } from '../../src/policy/parse-policy.ts';
import { formatPolicyProblem, type PolicyError } from '../../src/policy/policy-error.ts';

const errorsOf = (result: Result<Policy, PolicyError>): string[] => {
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.error.problems.map(formatPolicyProblem);
};
const parsed = (text: string): Policy => {
  const result = parsePolicy(text, 'policy.yaml');
  if (!result.ok) throw new Error(JSON.stringify(result.error.problems));
  return result.value;
};

const BOARD = `boards:
  - id: cab
    members:
      - email: alice@example.com
`;

describe('the policy keys of approvals in depth', () => {
  it('reads step-up on routes and by risk level in the defaults', () => {
    const policy = parsed(`${BOARD}routes:
  - { type: normal, board: cab, rule: any, stepUp: true }
  - { type: emergency, board: cab, rule: any }
defaults:
  stepUpRisk: [high, very_high]
`);
    expect(policy.routes[0]?.stepUp).toBe(true);
    expect(policy.routes[1]?.stepUp).toBeUndefined();
    expect(policy.defaults.stepUpRisk).toEqual(['high', 'very_high']);
    expect(
      parsed(
        `${BOARD}routes:\n  - { type: emergency, board: cab, rule: any }\ndefaults:\n  stepUpRisk: high\n`,
      ).defaults.stepUpRisk,
    ).toEqual(['high']);
  });

  it('points at the line and column of a bad step-up key', () => {
    const text = `${BOARD}routes:
  - type: emergency
    board: cab
    rule: any
    stepUp: sometimes
defaults:
  stepUpRisk: [high, extreme]
`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:9:13 routes[0].stepUp: must be true or false (got "sometimes")',
      'policy.yaml:11:22 defaults.stepUpRisk[1]: must be one of low, medium, high, very_high (got "extreme")',
    ]);
  });
});
