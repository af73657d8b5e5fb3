import { nextOccurrence, occurrencesBetween } from '../../domain/release/cadence.ts';
import { type AppContext, inTransaction } from '../context.ts';
import { createInstance } from './create-release.ts';
import { releaseOutbox } from './release-jobs.ts';
import { releaseModels } from './release-queries.ts';

const MINUTE = 60_000;

/**
 * ITIL release planning for trains: every model with a cadence gets its instances up to `planAhead` ahead,
 * as rows (each with its card and reminders), and a planning job for when the next occurrence comes within
 * reach. Runs at start-up and from that job; an occurrence already planned (or skipped) is never planned again.
 */
export function planTrains(ctx: AppContext, onlyModel?: string): number {
  const now = ctx.clock();
  let created = 0;
  inTransaction(ctx, () => {
    for (const model of releaseModels(ctx)) {
      if (!model.cadence || (onlyModel && model.id !== onlyModel)) continue;
      const horizon = new Date(now.getTime() + model.planAheadMinutes * MINUTE);
      const last = ctx.repos.releases.lastOccurrence(model.id);
      const from = last && last.getTime() > now.getTime() ? last : now;
      for (const at of occurrencesBetween(model.cadence, from, horizon)) {
        if (ctx.repos.releases.findOccurrence(model.id, at)) continue;
        createInstance(ctx, null, model, { name: null, start: at, occurrenceAt: at, now });
        created++;
      }
      const beyond = nextOccurrence(model.cadence, horizon);
      if (beyond) {
        const planAt = new Date(Math.max(now.getTime(), beyond.getTime() - model.planAheadMinutes * MINUTE));
        releaseOutbox(ctx, now).schedulePlanning(model.id, planAt);
      }
    }
  });
  return created;
}
