import type { Policy } from '../../../src/domain/policy/types.ts';
import type { FreezeWindow, MaintenanceWindow, ScheduledItem } from '../../../src/domain/schedule/types.ts';
import { makePolicy } from '../fixtures.ts';

export const at = (iso: string): Date => new Date(iso);

export const item = (
  id: number,
  start: string,
  end: string,
  services: readonly string[] = ['web'],
  kind: ScheduledItem['kind'] = 'change',
): ScheduledItem => ({
  kind,
  id,
  key: kind === 'change' ? `CHG-${id}` : `REL-${id}`,
  title: `Item ${id}`,
  services,
  window: { start: at(start), end: at(end) },
  state: 'scheduled',
});

export const onceFreeze = (
  name: string,
  start: string,
  end: string,
  overrides: Partial<FreezeWindow> = {},
): FreezeWindow => ({
  name,
  timing: { kind: 'once', start: at(start), end: at(end) },
  services: 'all',
  level: 'hard',
  message: '',
  ...overrides,
});

export const cronFreeze = (
  name: string,
  cron: string,
  timezone: string,
  durationMinutes: number,
  overrides: Partial<FreezeWindow> = {},
): FreezeWindow => ({
  name,
  timing: { kind: 'recurring', cron, timezone, durationMinutes },
  services: 'all',
  level: 'hard',
  message: '',
  ...overrides,
});

export const maintenance = (
  services: readonly string[],
  cron: string,
  timezone: string,
  durationMinutes: number,
): MaintenanceWindow => ({
  name: `Maintenance ${services.join('+')}`,
  services,
  timing: { kind: 'recurring', cron, timezone, durationMinutes },
});

export const schedulePolicy = (
  freezes: readonly FreezeWindow[] = [],
  maintenanceWindows: readonly MaintenanceWindow[] = [],
): Policy => makePolicy({ freezes, maintenanceWindows });
