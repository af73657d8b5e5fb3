import type { Freeze } from '../../domain/gate/types.ts';
import type { Policy } from '../../domain/policy/types.ts';
import { freezesIn } from '../../domain/schedule/index.ts';
import type { FreezeSource } from './check-gate.ts';

/**
 * The gate's default freeze source: the change schedule's freezes from the policy file (hard and soft),
 * each as the one occurrence that contains `now` (a recurring freeze's current occurrence, so the gate can
 * say until when). Reads the policy on every check, so it sees the policy the process runs with.
 */
export function policyFreezeSource(policy: () => Policy): FreezeSource {
  return ({ service, now }) => {
    const instant = { start: now, end: new Date(now.getTime() + 1) };
    return freezesIn(policy(), [service], instant).map(
      (hit): Freeze => ({
        name: hit.freeze.name,
        hard: hit.freeze.level === 'hard',
        services: hit.freeze.services,
        start: hit.occurrence.start,
        end: hit.occurrence.end,
      }),
    );
  };
}
