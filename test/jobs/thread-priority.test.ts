import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { JOB_THREAD_NICE } from '../../src/jobs/thread-priority.ts';
import { niceOf, ownThreadId } from './thread-nice.ts';

describe.runIf(process.platform === 'linux')('the job thread’s scheduling priority (issue 7)', () => {
  it('lowers the calling thread alone: the thread that asked runs at nice 10, the main thread as before', async () => {
    const before = niceOf(ownThreadId());
    const thread = new Worker(new URL('./priority-thread.ts', import.meta.url));
    const tid = await new Promise<number | null>((resolve, reject) => {
      thread.once('message', resolve);
      thread.once('error', reject);
    });
    expect(tid).not.toBeNull();
    expect(tid).not.toBe(ownThreadId());
    expect(niceOf(tid!)).toBe(JOB_THREAD_NICE);
    expect(niceOf(ownThreadId())).toBe(before);
    await thread.terminate();
  });
});
