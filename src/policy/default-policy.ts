import type { Policy } from '../domain/policy/types.ts';
import { POLICY_DEFAULTS } from './policy-schema.ts';

/**
 * The policy Changeboard uses when POLICY_FILE is not set, so it starts and can be tried at once.
 * Its boards have no members and no channels: nobody can approve until a real deployment names its CAB and
 * ECAB members and their channels in a policy file (see policy.example.yaml). Start-up warns about that.
 * The approval rules follow ITIL 4 practice: the higher the risk, the broader the agreement required;
 * emergency changes go to a small emergency CAB where one approval suffices and one rejection vetoes.
 */
export const defaultPolicy: Policy = {
  services: [
    { id: 'web', name: 'Website', criticality: 'high' },
    { id: 'api', name: 'Public API', criticality: 'critical' },
    { id: 'db', name: 'Databases', criticality: 'critical' },
    { id: 'internal-tools', name: 'Internal tools', criticality: 'low' },
  ],
  boards: [
    { id: 'cab', name: 'Change Advisory Board', members: [], channels: { slack: [], teams: [] } },
    { id: 'ecab', name: 'Emergency CAB', members: [], channels: { slack: [], teams: [] } },
  ],
  models: [
    {
      id: 'restart-service',
      name: 'Restart a service',
      description: 'Restart the processes of one service, with no change to code or configuration.',
      services: [],
      maxRisk: 'low',
      announceBoard: 'cab',
    },
    {
      id: 'rotate-tls-certificate',
      name: 'Rotate TLS certificate',
      description: 'Replace a TLS certificate before it expires, keeping the same names and key type.',
      services: ['web', 'api'],
      maxRisk: 'medium',
      announceBoard: 'cab',
    },
  ],
  routes: [
    { type: 'normal', risk: ['low'], board: 'cab', rule: { kind: 'any' } },
    { type: 'normal', risk: ['medium'], board: 'cab', rule: { kind: 'n_of_m', n: 2 } },
    { type: 'normal', risk: ['high'], board: 'cab', rule: { kind: 'majority' } },
    { type: 'normal', risk: ['very_high'], board: 'cab', rule: { kind: 'all' } },
    { type: 'emergency', board: 'ecab', rule: { kind: 'any' }, veto: true },
  ],
  defaults: POLICY_DEFAULTS,
};
