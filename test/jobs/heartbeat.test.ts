import cron, { type ScheduledTask } from 'node-cron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { DEFAULT_HEARTBEAT, type Scheduler, startHeartbeat } from '../../src/jobs/heartbeat.ts';
import { enqueue, pendingCount } from '../../src/jobs/queue.ts';
import { createWorker, type Worker } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestDatabase } from '../helpers/db.ts';

/** A worker that only counts wakes. */
function countingWorker(): Worker & { wakes: number } {
  const w = {
    wakes: 0,
    wake() {
      w.wakes += 1;
    },
    drain: async () => 0,
    stop: async () => {},
  };
  return w;
}

/** A scheduler whose beats the test fires by hand. */
function manualScheduler() {
  const state = { expression: '', beat: () => {}, destroyed: false };
  const schedule: Scheduler = (expression, beat) => {
    state.expression = expression;
    state.beat = beat;
    return {
      destroy() {
        state.destroyed = true;
      },
    };
  };
  return { schedule, state };
}

describe('job heartbeat', () => {
  it('wakes the worker at once for the boot catch-up, then on every beat', () => {
    const worker = countingWorker();
    const { schedule, state } = manualScheduler();

    const heartbeat = startHeartbeat(worker, { schedule });
    expect(worker.wakes).toBe(1);
    state.beat();
    state.beat();
    expect(worker.wakes).toBe(3);
    expect(state.expression).toBe('*/15 * * * * *');

    heartbeat.stop();
    expect(state.destroyed).toBe(true);
  });

  it('beats every 15 seconds by default', () => {
    expect(DEFAULT_HEARTBEAT).toBe('*/15 * * * * *');
    const matches = cron.createTask(DEFAULT_HEARTBEAT, () => {}).getNextRuns(3);
    const gaps = matches.slice(1).map((d, i) => d.getTime() - matches[i]!.getTime());
    expect(gaps).toEqual([15_000, 15_000]);
  });

  it('refuses an invalid cron expression', () => {
    expect(() => startHeartbeat(countingWorker(), { cron: 'every now and then' })).toThrow(
      'invalid heartbeat cron expression',
    );
  });

  it('schedules a real node-cron task whose execution wakes the worker, and destroys it on stop', async () => {
    const worker = countingWorker();
    let task: ScheduledTask | undefined;
    const heartbeat = startHeartbeat(worker, {
      cron: '* * * * * *',
      schedule: (expression, beat) => {
        task = cron.schedule(expression, beat);
        return task;
      },
    });
    try {
      await task!.execute();
      expect(worker.wakes).toBe(2);
    } finally {
      heartbeat.stop();
    }
    await Promise.resolve();
    expect(task!.getStatus()).toBe('destroyed');
  });

  describe('over a real worker', () => {
    let database: Database;
    beforeEach(() => {
      database = createTestDatabase();
    });
    afterEach(() => database.close());

    it('runs a job that came due between beats when the next beat fires', async () => {
      const now = new Date('2026-05-04T08:00:00.000Z');
      const ran: unknown[] = [];
      const worker = createWorker({
        database,
        clock: () => now,
        log: silentLogger,
        handlers: {
          reminder: async (payload) => {
            ran.push(payload);
          },
        },
      });
      const { schedule, state } = manualScheduler();
      const heartbeat = startHeartbeat(worker, { schedule });
      await worker.drain();

      enqueue(database.db, { kind: 'reminder', payload: 'T-1h', runAt: now });
      expect(pendingCount(database.db)).toBe(1);
      state.beat();
      await worker.drain();

      expect(ran).toEqual(['T-1h']);
      expect(pendingCount(database.db)).toBe(0);
      heartbeat.stop();
      await worker.stop();
    });
  });
});
