import type { AppContext } from '../context.ts';
import { HOLDING_STATES } from './sources.ts';

/**
 * At start-up: index the windows of open changes raised before the window index existed, so conflicts and
 * the slot finder see them. Idempotent (only changes without index rows), one transaction.
 */
export function backfillChangeWindows(ctx: AppContext): number {
  return ctx.database.sqlite
    .transaction(() => {
      const missing = ctx.repos.schedule.changesWithoutWindows(HOLDING_STATES);
      for (const c of missing)
        ctx.repos.schedule.replaceChangeWindows(c.id, c.services, {
          start: c.plannedStart,
          end: c.plannedEnd,
        });
      return missing.length;
    })
    .immediate();
}
