// The change schedule's pure rules, for other contexts (the deployment gate asks `isInHardFreeze`).
export { findConflicts, freezesIn, insideMaintenance, type ScheduleConflicts } from './conflicts.ts';
export { hardFreezesAt, isInHardFreeze, judgeFreezes } from './freeze-rules.ts';
export { occurrencesIn, overlaps } from './occurrences.ts';
export { findFreeSlots } from './slot-finder.ts';
export type { FreezeWindow, Interval, MaintenanceWindow, ScheduledItem } from './types.ts';
