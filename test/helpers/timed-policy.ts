import type { Policy } from '../../src/domain/policy/types.ts';
import { platformPolicy } from './platform-policy.ts';

/**
 * The platform policy with a Berlin working week on the CAB (Monday–Friday 09:00–17:00, 4 March 2026 a
 * holiday) and "approved unless someone objects within 4 working hours" for low-risk normal changes.
 */
export function timedPolicy(defaults: Partial<Policy['defaults']> = {}): Policy {
  const base = platformPolicy();
  return {
    ...base,
    boards: base.boards.map((b) =>
      b.id === 'cab'
        ? {
            ...b,
            workingHours: {
              timezone: 'Europe/Berlin',
              days: ['mon', 'tue', 'wed', 'thu', 'fri'],
              start: '09:00',
              end: '17:00',
              holidays: ['2026-03-04'],
            },
          }
        : b,
    ),
    routes: base.routes.map((r) => (r.risk?.includes('low') ? { ...r, objectionWindowHours: 4 } : r)),
    defaults: { ...base.defaults, ...defaults },
  };
}
