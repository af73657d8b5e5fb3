import type { Policy } from '../../src/domain/policy/types.ts';
import { platformPolicy } from './platform-policy.ts';

/**
 * The platform policy plus a change schedule, around the test clock's start (Monday 2 March 2026, 09:00 UTC):
 *  - "Quarter close": a hard freeze on every service, 10 March 00:00 to 12 March 00:00 UTC.
 *  - "Wiki migration": a soft freeze on the wiki, 13 March 00:00 to 14 March 00:00 UTC.
 *  - CRM maintenance: Tuesdays and Thursdays 02:00–06:00 Europe/Lisbon (UTC in March).
 */
export function schedulePlatformPolicy(): Policy {
  return {
    ...platformPolicy(),
    freezes: [
      {
        name: 'Quarter close',
        timing: {
          kind: 'once',
          start: new Date('2026-03-10T00:00:00Z'),
          end: new Date('2026-03-12T00:00:00Z'),
        },
        services: 'all',
        level: 'hard',
        message: 'Finance closes the quarter.',
      },
      {
        name: 'Wiki migration',
        timing: {
          kind: 'once',
          start: new Date('2026-03-13T00:00:00Z'),
          end: new Date('2026-03-14T00:00:00Z'),
        },
        services: ['wiki'],
        level: 'soft',
        message: '',
      },
    ],
    maintenanceWindows: [
      {
        name: 'CRM maintenance',
        services: ['crm'],
        timing: { kind: 'recurring', cron: '0 2 * * 2,4', timezone: 'Europe/Lisbon', durationMinutes: 240 },
      },
    ],
  };
}
