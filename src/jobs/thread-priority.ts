import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * The job thread's nice value. The acks and the job thread share the machine's cores; when both are runnable
 * the kernel should run the ack first (issue 7). At nice 10 the job thread gets about a tenth of a core that
 * an ack wants, and all of any idle core, so background work still drains as soon as the acks pause; nice 19
 * would starve it behind any busy neighbour on the host.
 */
export const JOB_THREAD_NICE = 10;

/**
 * Lowers the scheduling priority of the calling thread alone, and returns its OS thread id; null where that
 * cannot be done. On Linux the nice value belongs to each thread, and `setpriority` given a thread id changes
 * only that thread; elsewhere a pid would lower the whole process, acks included, so nothing is changed.
 */
export function lowerThisThreadsPriority(nice = JOB_THREAD_NICE): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return null;
    setPriority(tid, nice);
    return tid;
  } catch {
    // No /proc (a locked-down container) or a sandbox that refuses setpriority: run at the normal priority.
    return null;
  }
}
