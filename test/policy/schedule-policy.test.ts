import { describe, expect, it } from 'vitest';
import type { Policy } from '../../src/domain/policy/types.ts';
import type { Result } from '../../src/domain/result.ts';
import { parsePolicy } from '../../src/policy/parse-policy.ts';
import { formatPolicyProblem, type PolicyError } from '../../src/policy/policy-error.ts';

const BASE = `services:
  - id: web
  - id: api
boards:
  - id: cab
    members: [{ email: a@example.com }]
routes:
  - { type: normal, board: cab, rule: any }
  - { type: emergency, board: cab, rule: any }
`;

const errorsOf = (result: Result<Policy, PolicyError>): string[] => {
  if (result.ok) throw new Error('expected the policy to be rejected');
  return result.error.problems.map(formatPolicyProblem);
};

const parsed = (text: string): Policy => {
  const result = parsePolicy(BASE + text, 'policy.yaml');
  if (!result.ok) throw new Error(result.error.problems.map(formatPolicyProblem).join('\n'));
  return result.value;
};

describe('freeze and maintenance windows in the policy', () => {
  it('reads a one-off hard freeze and a recurring soft freeze with its zone and duration', () => {
    const policy = parsed(`freezes:
  - name: Year-end close
    start: 2026-12-21T00:00:00+01:00
    end: 2027-01-04T08:00:00+01:00
    message: Only emergencies.
  - name: Weekend
    cron: "0 18 * * 5"
    timezone: Europe/Berlin
    duration: 2d14h
    services: web
    level: soft
maintenanceWindows:
  - services: [web, api]
    cron: "0 2 * * 2,4"
    timezone: Europe/Berlin
    duration: 4h
`);
    expect(policy.freezes).toEqual([
      {
        name: 'Year-end close',
        timing: {
          kind: 'once',
          start: new Date('2026-12-20T23:00:00Z'),
          end: new Date('2027-01-04T07:00:00Z'),
        },
        services: 'all',
        level: 'hard',
        message: 'Only emergencies.',
      },
      {
        name: 'Weekend',
        timing: { kind: 'recurring', cron: '0 18 * * 5', timezone: 'Europe/Berlin', durationMinutes: 3720 },
        services: ['web'],
        level: 'soft',
        message: '',
      },
    ]);
    expect(policy.maintenanceWindows).toEqual([
      {
        name: 'Maintenance (web, api)',
        services: ['web', 'api'],
        timing: { kind: 'recurring', cron: '0 2 * * 2,4', timezone: 'Europe/Berlin', durationMinutes: 240 },
      },
    ]);
  });

  it('leaves both out of a policy that does not mention them', () => {
    const policy = parsed('');
    expect(policy.freezes).toBeUndefined();
    expect(policy.maintenanceWindows).toBeUndefined();
  });

  it('points at the file, line and column of every bad window field', () => {
    const text = `freezes:
  - name: Broken cron
    cron: "61 * * * *"
    timezone: Mars/Base
    duration: soon
  - name: Backwards
    start: 2026-12-21T00:00:00+01:00
    end: 2026-12-20T00:00:00+01:00
  - name: Both
    start: 2026-12-21T00:00:00+01:00
    end: 2026-12-22T00:00:00+01:00
    cron: "0 1 * * *"
  - name: No zone
    start: 2026-12-21T00:00:00
    end: 2026-12-22T00:00:00+01:00
    level: frozen
maintenanceWindows:
  - services: [web]
    cron: "0 2 * * 2"
    timezone: UTC
`;
    expect(errorsOf(parsePolicy(BASE + text, 'policy.yaml'))).toEqual([
      expect.stringMatching(/^policy\.yaml:12:11 freezes\[0\]\.cron: is not a valid cron expression/),
      'policy.yaml:13:15 freezes[0].timezone: must be an IANA time zone such as Europe/Berlin',
      'policy.yaml:14:15 freezes[0].duration: must be a duration such as 4h, 90m or 2d12h (more than zero)',
      'policy.yaml:17:10 freezes[1].end: must be after start',
      'policy.yaml:18:5 freezes[2]: is either one-off (start, end) or recurring (cron, timezone, duration), not both',
      'policy.yaml:23:12 freezes[3].start: must be a date and time with a zone, e.g. 2026-12-20T00:00:00+01:00',
      'policy.yaml:25:12 freezes[3].level: must be one of hard, soft (got "frozen")',
      'policy.yaml:27:5 maintenanceWindows[0].duration: is required',
    ]);
  });

  it('refuses windows naming a service the catalogue does not define', () => {
    const text = `freezes:
  - { name: F, start: "2026-12-21T00:00:00Z", end: "2026-12-22T00:00:00Z", services: [web, shop] }
maintenanceWindows:
  - { services: [crm], cron: "0 2 * * 2", timezone: UTC, duration: 4h }
`;
    expect(errorsOf(parsePolicy(BASE + text, 'policy.yaml'))).toEqual([
      'policy.yaml:11:92 freezes[0].services[1]: names service "shop", which is not defined (services: web, api)',
      'policy.yaml:13:18 maintenanceWindows[0].services[0]: names service "crm", which is not defined (services: web, api)',
    ]);
  });
});
