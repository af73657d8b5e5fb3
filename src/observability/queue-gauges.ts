import { Gauge, Registry } from 'prom-client';
import type { Database } from '../db/client.ts';

/**
 * Gauges read from the job table at scrape time: depth by state (pending and due, pending later, running,
 * dead) and lag (age of the oldest due pending job). Both use the (status, run_at) index.
 */
export function createQueueGauges(database: Database, clock: () => Date): Registry {
  const registry = new Registry();
  const counts = database.sqlite.prepare<
    { now: number },
    { due: number; later: number; running: number; dead: number }
  >(
    `SELECT
       (SELECT count(*) FROM jobs WHERE status = 'pending' AND run_at <= @now) AS due,
       (SELECT count(*) FROM jobs WHERE status = 'pending' AND run_at > @now) AS later,
       (SELECT count(*) FROM jobs WHERE status = 'running') AS running,
       (SELECT count(*) FROM jobs WHERE status = 'dead') AS dead`,
  );
  const oldest = database.sqlite.prepare<{ now: number }, { runAt: number | null }>(
    `SELECT min(run_at) AS runAt FROM jobs WHERE status = 'pending' AND run_at <= @now`,
  );
  new Gauge({
    name: 'changeboard_jobs',
    help: 'Jobs in the queue by state: due (pending, run-at passed), scheduled (pending, later), running, dead',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      if (!database.sqlite.open) return;
      const c = counts.get({ now: clock().getTime() });
      if (!c) return;
      this.set({ state: 'due' }, c.due);
      this.set({ state: 'scheduled' }, c.later);
      this.set({ state: 'running' }, c.running);
      this.set({ state: 'dead' }, c.dead);
    },
  });
  new Gauge({
    name: 'changeboard_jobs_lag_seconds',
    help: 'Age of the oldest due job still pending (0 when none is waiting)',
    registers: [registry],
    collect() {
      if (!database.sqlite.open) return;
      const now = clock().getTime();
      const at = oldest.get({ now })?.runAt ?? null;
      this.set(at === null ? 0 : Math.max(0, (now - at) / 1000));
    },
  });
  return registry;
}
