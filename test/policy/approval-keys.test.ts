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

  it('reads working hours, objection windows and expiry in working hours, filling defaults', () => {
    const policy = parsed(`boards:
  - id: cab
    members: [{ email: alice@example.com }]
    workingHours: { timezone: Europe/Berlin, holidays: [2026-12-25] }
routes:
  - { type: normal, risk: low, board: cab, rule: any, objectionWindowHours: 8 }
  - { type: emergency, board: cab, rule: any }
defaults:
  expiryInWorkingHours: true
`);
    expect(policy.boards[0]?.workingHours).toEqual({
      timezone: 'Europe/Berlin',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      start: '09:00',
      end: '17:00',
      holidays: ['2026-12-25'],
    });
    expect(policy.routes[0]?.objectionWindowHours).toBe(8);
    expect(policy.defaults.expiryInWorkingHours).toBe(true);
  });

  it('points at the line and column of bad working hours and windows', () => {
    const text = `boards:
  - id: cab
    members: [{ email: alice@example.com }]
    workingHours:
      days: [mon, funday]
      start: "9am"
      holidays: [2026-02-30]
routes:
  - { type: emergency, board: cab, rule: any, objectionWindowHours: 0 }
`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:5:19 boards[0].workingHours.days[1]: must be one of sun, mon, tue, wed, thu, fri, sat (got "funday")',
      'policy.yaml:6:14 boards[0].workingHours.start: must be a time like 09:00 (24-hour clock)',
      'policy.yaml:7:18 boards[0].workingHours.holidays[0]: is not a real date',
      'policy.yaml:9:69 routes[0].objectionWindowHours: must be more than zero',
    ]);
    const backwards = `boards:
  - id: cab
    members: [{ email: alice@example.com }]
    workingHours: { start: "18:00", end: "08:00" }
routes:
  - { type: emergency, board: cab, rule: any }
`;
    expect(errorsOf(parsePolicy(backwards, 'policy.yaml'))).toEqual([
      'policy.yaml:4:42 boards[0].workingHours.end: end must be after start',
    ]);
    const never = backwards.replace('{ start: "18:00", end: "08:00" }', '{ days: [] }');
    expect(errorsOf(parsePolicy(never, 'policy.yaml'))).toEqual([
      'policy.yaml:4:27 boards[0].workingHours.days: must name at least one working day',
    ]);
  });
});
