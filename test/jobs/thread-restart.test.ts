import { describe, expect, it } from 'vitest';
import { startThreadWorker } from '../../src/jobs/thread-worker.ts';
import { silentLogger } from '../../src/log.ts';

const until = async (probe: () => boolean) => {
  for (let i = 0; i < 200 && !probe(); i++) await new Promise((r) => setTimeout(r, 25));
  return probe();
};

describe('the job thread dies (issue 7)', () => {
  it('is started again, and stopping it afterwards never hangs', async () => {
    const starts = new Int32Array(new SharedArrayBuffer(4));
    const worker = startThreadWorker({
      entry: new URL('./dying-thread.ts', import.meta.url),
      data: { starts },
      log: silentLogger,
      restartDelayMs: 400,
    });
    await worker.ready();
    expect(await worker.drain()).toBe(0);
    worker.wake(); // the thread dies
    expect(await until(() => Atomics.load(starts, 0) === 2)).toBe(true);
    worker.wake(); // and dies again: stopped while it is down, before it would be started again
    await new Promise((r) => setTimeout(r, 200));
    expect(await worker.drain()).toBe(0);
    await worker.stop();
    await new Promise((r) => setTimeout(r, 400));
    // Stopped: not started a third time.
    expect(Atomics.load(starts, 0)).toBe(2);
  });
});
