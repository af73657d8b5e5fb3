import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/domain/policy/types.ts';
import type { Result } from '../../src/domain/result.ts';
import { parsePolicy } from '../../src/policy/parse-policy.ts';
import { formatPolicyProblem, type PolicyError, type PolicyProblem } from '../../src/policy/policy-error.ts';

const BASE = `services:
  - id: web
boards:
  - id: cab
    members:
      - email: alice@example.com
routes:
  - { type: normal, board: cab, rule: any }
  - { type: emergency, board: cab, rule: any }
`;

const errorsOf = (result: Result<Policy, PolicyError>): string[] => {
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.error.problems.map(formatPolicyProblem);
};

describe('release models in the policy', () => {
  it('reads a train with its cadence, durations and rotation, and fills the defaults', () => {
    const text = `${BASE}releaseModels:
  - id: web-train
    name: Weekly web release
    services: [web]
    cadence: { cron: "0 10 * * TUE", timezone: Europe/Berlin }
    window: 2h
    planAhead: 14d
    managers:
      - { email: rita@example.com }
      - { slack: U0MANAGER }
    channels: { slack: [C0RELEASE] }
    reminders: { before: [24h, 1h, 15m], cutoff: 2h, overdue: off }
  - id: hotfix
`;
    const result = parsePolicy(text, 'policy.yaml');
    if (!result.ok) throw new Error(result.error.problems.map(formatPolicyProblem).join('\n'));
    const [train, hotfix] = result.value.releaseModels ?? [];
    expect(train).toMatchObject({
      id: 'web-train',
      name: 'Weekly web release',
      cadence: { cron: '0 10 * * TUE', timezone: 'Europe/Berlin' },
      windowMinutes: 120,
      planAheadMinutes: 20160,
      managers: [{ email: 'rita@example.com' }, { slack: 'U0MANAGER' }],
      channels: { slack: ['C0RELEASE'], teams: [] },
      reminders: { before: [1440, 60, 15], cutoff: 120, overdue: null, review: 1440 },
    });
    expect(train?.checklist).toHaveLength(7);
    // A model without a cadence is for one-off releases; T-24h and T-1h are the default reminders.
    expect(hotfix).toMatchObject({ id: 'hotfix', name: 'hotfix', cadence: null, services: [] });
    expect(hotfix?.reminders).toEqual({ before: [1440, 60], cutoff: null, overdue: 60, review: 1440 });
  });

  it('leaves releaseModels out of a policy that has none', () => {
    const result = parsePolicy(BASE, 'policy.yaml');
    expect(result.ok && result.value.releaseModels).toBeUndefined();
  });

  it('points at the line and column of a bad cron, time zone, duration and unknown service', () => {
    const text = `${BASE}releaseModels:
  - id: web-train
    services: [web, mobile]
    cadence:
      cron: "every tuesday"
      timezone: Europe/Berlin
    reminders:
      before: [24h, soon]
  - id: other
    cadence: { cron: "0 10 * * 2", timezone: Mars/Olympus }
    window: 0m
`;
    const errors = errorsOf(parsePolicy(text, 'policy.yaml'));
    expect(errors).toEqual([
      expect.stringMatching(
        /^policy\.yaml:14:13 releaseModels\[0\]\.cadence\.cron: must be a five-field cron expression/,
      ),
      'policy.yaml:17:21 releaseModels[0].reminders.before[1]: must be a duration such as 24h, 1h, 15m or 1h30m',
      'policy.yaml:19:46 releaseModels[1].cadence.timezone: must be an IANA time zone such as Europe/Berlin',
      'policy.yaml:20:13 releaseModels[1].window: must be one minute or more',
    ]);
  });

  it('reports a service that is not defined with its position', () => {
    const text = `${BASE}releaseModels:
  - id: web-train
    services: [web, mobile]
`;
    expect(errorsOf(parsePolicy(text, 'policy.yaml'))).toEqual([
      'policy.yaml:12:21 releaseModels[0].services[1]: names service "mobile", which is not defined (services: web)',
    ]);
  });

  it('warns about a model with no managers or no channels', () => {
    const warnings: PolicyProblem[] = [];
    parsePolicy(`${BASE}releaseModels:\n  - id: lonely\n`, 'policy.yaml', {
      onWarning: (w) => warnings.push(w),
    });
    expect(warnings.map((w) => w.message)).toEqual([
      'release model "lonely" has no managers: only a change manager with the final say can run its releases',
      'release model "lonely" has no channels: its cards and reminders reach only the release manager',
    ]);
  });
});
