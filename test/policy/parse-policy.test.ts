import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/domain/policy/types.ts';
import type { Result } from '../../src/domain/result.ts';
import { loadPolicy } from '../../src/policy/load-policy.ts';
import { parsePolicy } from '../../src/policy/parse-policy.ts';
import {
  formatPolicyError,
  formatPolicyProblem,
  type PolicyError,
  type PolicyProblem,
} from '../../src/policy/policy-error.ts';

const ROUTES = `routes:
  - type: normal
    board: cab
    rule: any
  - type: emergency
    board: cab
    rule: any
`;

/** The problems of a policy that must fail, each as its one-line rendering. */
const errorsOf = (result: Result<Policy, PolicyError>): string[] => {
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.error.problems.map(formatPolicyProblem);
};

const warningsOf = (text: string, file: string): string[] => {
  const warnings: PolicyProblem[] = [];
  const result = parsePolicy(text, file, { onWarning: (w) => warnings.push(w) });
  if (!result.ok) throw new Error(formatPolicyError(result.error));
  return warnings.map(formatPolicyProblem);
};

describe('parsePolicy with YAML', () => {
  it('points at the line, column and key path of a member without any identity', () => {
    const text = `# Our change policy
services:
  - id: web
    criticality: high
boards:
  - id: cab
    members:
      - email: alice@example.com
      - slack: U0BOBBOB1
  - id: ecab
    name: Emergency CAB
    members:
      - email: dana@example.com
      - name: Someone without an identity
${ROUTES}`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:14:9 boards[1].members[1]: needs at least one of email, slack, teams',
    ]);
  });

  it('lists every schema error at once, in file order, in words an operator understands', () => {
    const text = `services:
  - id: web
    criticality: huge
boards:
  - id: cab
    members:
      - email: alice@example.com
        finalsay: true
routes:
  - type: normal
    board: cab
    rule: { kind: n_of_m }
  - type: emergency
    board: cab
    rule: sometimes
defaults:
  expiryHours: "three days"
`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:3:18 services[0].criticality: must be one of low, medium, high, critical (got "huge")',
      'policy.yaml:8:9 boards[0].members[0].finalsay: is not a known key',
      'policy.yaml:12:11 routes[0].rule.n: is required',
      'policy.yaml:15:11 routes[1].rule.kind: must be one of any, n_of_m, majority, all (got "sometimes")',
      'policy.yaml:17:16 defaults.expiryHours: must be a number (got "three days")',
    ]);
  });

  it('points at the owning mapping when a required id is missing', () => {
    const text = `boards:\n  - name: Nameless board\n${ROUTES}`;
    expect(errorsOf(parsePolicy(text, 'p.yml'))).toEqual(['p.yml:2:5 boards[0].id: is required']);
  });

  it('reports YAML syntax errors with their position', () => {
    const errors = errorsOf(parsePolicy('boards:\n  - id: cab\n    members: [\n', 'policy.yaml'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^policy\.yaml:\d+:\d+ /);
  });

  it('rejects a key given twice rather than keeping one silently', () => {
    const errors = errorsOf(
      parsePolicy(`defaults:\n  expiryHours: 1\n  expiryHours: 2\n${ROUTES}`, 'policy.yaml'),
    );
    expect(errors).toEqual(['policy.yaml:3:3 Map keys must be unique']);
  });
});

describe('parsePolicy with JSON', () => {
  it('points at the line of the offending value', () => {
    const text = `{
  "boards": [
    { "id": "cab", "members": [] }
  ],
  "services": [
    { "id": "web", "criticality": "very important" }
  ],
  "routes": [{ "type": "emergency", "board": "cab", "rule": "any" }]
}`;
    expect(errorsOf(parsePolicy(text, 'policy.json'))).toEqual([
      'policy.json:6:35 services[0].criticality: must be one of low, medium, high, critical (got "very important")',
    ]);
  });

  it('rejects YAML-only syntax in a .json file with the line of the JSON syntax error', () => {
    const text = '{\n  "boards": [],\n  routes: []\n}';
    expect(errorsOf(parsePolicy(text, 'policy.json'))).toEqual([
      'policy.json:3:3 is not valid JSON: Expected double-quoted property name',
    ]);
  });
});

describe('cross-reference checks', () => {
  const base = `services:
  - id: web
  - id: web
boards:
  - id: cab
    members:
      - email: a@example.com
      - email: b@example.com
      - email: A@example.com
  - id: cab
`;

  it('rejects duplicate ids, a person listed twice, unknown boards and services, and an unreachable quorum', () => {
    const text = `${base}models:
  - id: restart
    services: [web, mainframe]
    announceBoard: releases
routes:
  - type: normal
    board: cab
    rule: { kind: n_of_m, n: 4 }
  - type: emergency
    board: ecab
    rule: any
`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:3:9 services[1].id: duplicate id "web"',
      'policy.yaml:9:9 boards[0].members[2]: lists the same person twice (email a@example.com); each person counts once towards quorum',
      'policy.yaml:10:9 boards[1].id: duplicate id "cab"',
      'policy.yaml:13:21 models[0].services[1]: names service "mainframe", which is not defined (services: web)',
      'policy.yaml:14:20 models[0].announceBoard: names board "releases", which is not defined (boards: cab)',
      'policy.yaml:18:30 routes[0].rule.n: needs 4 approvals but board "cab" has only 3 member(s), so no change could ever be approved',
      'policy.yaml:20:12 routes[1].board: names board "ecab", which is not defined (boards: cab)',
    ]);
  });

  it('refuses a policy without an emergency route, since emergency changes need an ECAB', () => {
    const text =
      'boards:\n  - id: cab\n    members: [{ email: a@example.com }]\nroutes:\n  - { type: normal, board: cab, rule: any }\n';
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:5:3 routes: no route for emergency changes of risk low, medium, high, very_high: emergency changes need an emergency CAB (add a route with type: emergency)',
    ]);
  });

  it('warns about uncovered normal risk levels, shadowed routes, empty boards and a reminder after expiry', () => {
    const text = `boards:
  - id: cab
    members: [{ email: a@example.com }]
  - id: ecab
routes:
  - { type: normal, risk: [low, medium], board: cab, rule: any }
  - { type: normal, risk: low, board: cab, rule: all }
  - { type: emergency, board: ecab, rule: any }
defaults:
  expiryHours: 24
  reminderHours: 48
`;
    expect(warningsOf(text, 'policy.yaml')).toEqual([
      'policy.yaml:6:3 warning: routes: no route for normal changes of risk high, very_high: such changes cannot be authorised',
      'policy.yaml:7:5 warning: routes[1]: is never used: earlier routes of the same type already cover its risk levels (first match wins)',
      'policy.yaml:4:5 warning: boards[1]: board "ecab" has no members: nobody can approve the changes routed to it',
      'policy.yaml:11:18 warning: defaults.reminderHours: is not before expiryHours (24): the reminder would never be sent',
    ]);
  });
});

describe('loadPolicy', () => {
  it('reports a missing file by its path', () => {
    const path = join(tmpdir(), 'changeboard-missing', 'policy.yaml');
    expect(errorsOf(loadPolicy(path))).toEqual([`${path} cannot be read: no such file`]);
  });

  it('refuses a file whose extension names no known format', () => {
    expect(errorsOf(parsePolicy('{}', 'policy.toml'))).toEqual([
      'policy.toml must end in .yaml, .yml or .json (the extension decides the format)',
    ]);
  });

  it('renders every problem under one start-up message', () => {
    const result = parsePolicy('boards:\n  - {}\nroutes: none\n', 'policy.yaml');
    if (result.ok) throw new Error('expected the policy to be rejected');
    expect(formatPolicyError(result.error)).toBe(
      [
        'Changeboard cannot start: the policy policy.yaml has 2 problems:',
        '  policy.yaml:2:5 boards[0].id: is required',
        '  policy.yaml:3:9 routes[0]: must be a mapping (got "none")',
      ].join('\n'),
    );
  });
});
