import type { Policy } from '../domain/policy/types.ts';
import type { Finding } from './cross-checks.ts';

/** Release models: unique ids, services that exist, and someone to run and hear about each release. */
export function releaseCrossCheck(policy: Policy, findings: Finding[]): void {
  const models = policy.releaseModels ?? [];
  const services = new Set(policy.services.map((s) => s.id));
  const seen = new Set<string>();
  for (const [m, model] of models.entries()) {
    if (seen.has(model.id)) {
      findings.push({
        severity: 'error',
        path: ['releaseModels', m, 'id'],
        message: `duplicate id "${model.id}"`,
      });
    }
    seen.add(model.id);
    for (const [s, service] of model.services.entries()) {
      if (!services.has(service)) {
        const known = [...services].join(', ') || 'none defined';
        findings.push({
          severity: 'error',
          path: ['releaseModels', m, 'services', s],
          message: `names service "${service}", which is not defined (services: ${known})`,
        });
      }
    }
    if (model.managers.length === 0) {
      findings.push({
        severity: 'warning',
        path: ['releaseModels', m],
        message: `release model "${model.id}" has no managers: only a change manager with the final say can run its releases`,
      });
    }
    if (model.channels.slack.length === 0 && model.channels.teams.length === 0) {
      findings.push({
        severity: 'warning',
        path: ['releaseModels', m],
        message: `release model "${model.id}" has no channels: its cards and reminders reach only the release manager`,
      });
    }
  }
}
