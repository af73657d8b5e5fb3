import { afterEach, describe, expect, it } from 'vitest';
import { MIN_REARM_MS, startDueTimer } from '../../src/jobs/due-timer.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { createTestDatabase } from '../helpers/db.ts';
import { manualClock } from './manual-clock.ts';

const database = createTestDatabase();
afterEach(() => database.sqlite.exec('DELETE FROM jobs'));

/** Timers that only fire when the test says so, recording how long each was asked to wait. */
function fakeTimers() {
  const armed: { fn: () => void; ms: number; cleared: boolean }[] = [];
  /** Fires the waiting timer (it is then spent, like a real one). */
  const fire = () => {
    const t = armed.filter((x) => !x.cleared).at(-1);
    if (t) {
      t.cleared = true;
      t.fn();
    }
  };
  const setTimer = ((fn: () => void, ms: number) => {
    const t = { fn, ms, cleared: false };
    armed.push(t);
    return t;
  }) as unknown as typeof setTimeout;
  const clearTimer = ((t: { cleared: boolean }) => {
    t.cleared = true;
  }) as unknown as typeof clearTimeout;
  const live = () => armed.filter((t) => !t.cleared).at(-1);
  return { setTimer, clearTimer, live, fire };
}

/** Lets the re-arm that follows a commit (on the next turn of the event loop) happen. */
const settled = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('the due timer', () => {
  it('wakes the worker exactly when the earliest job comes due, and re-arms after a commit', async () => {
    const clock = manualClock(new Date('2026-03-03T07:59:00Z'));
    const ran: string[] = [];
    const worker = createWorker({
      database,
      clock,
      log: silentLogger,
      handlers: { 'test.remind': async (p) => void ran.push(String((p as { n: string }).n)) },
    });
    const timers = fakeTimers();
    const due = startDueTimer(worker, database, {
      clock,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    expect(timers.live()?.ms).toBe(15_000); // nothing is due: it only looks again later

    enqueue(
      database.db,
      { kind: 'test.remind', payload: { n: 'T-1h' }, runAt: new Date('2026-03-03T08:00:00Z') },
      { now: clock() },
    );
    due.rearm();
    await settled();
    expect(timers.live()?.ms).toBe(15_000); // a minute away: capped, then armed again closer to it
    clock.set(new Date('2026-03-03T07:59:55Z'));
    due.rearm();
    due.rearm(); // a burst of commits re-arms once
    await settled();
    expect(timers.live()?.ms).toBe(5_000);

    clock.set(new Date('2026-03-03T08:00:00Z'));
    timers.fire();
    await worker.drain();
    expect(ran).toEqual(['T-1h']);
    due.stop();
    expect(timers.live()).toBeUndefined();
    await worker.stop();
  });

  it('does not spin while a due job waits for the worker to finish its batch', async () => {
    const clock = manualClock(new Date('2026-03-03T08:00:00Z'));
    // A worker that is busy: waking it claims nothing, so the job stays due.
    const busy = { wake: () => {}, drain: async () => 0, stop: async () => {} };
    enqueue(database.db, { kind: 'test.remind', payload: {}, runAt: clock() }, { now: clock() });
    const timers = fakeTimers();
    const due = startDueTimer(busy, database, {
      clock,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
    });
    expect(timers.live()?.ms).toBe(0); // due now: wake the worker at once
    timers.fire();
    expect(timers.live()?.ms).toBe(MIN_REARM_MS); // still due, still unclaimed: look again shortly, not at once
    timers.fire();
    expect(timers.live()?.ms).toBe(MIN_REARM_MS);
    due.stop();
  });
});
