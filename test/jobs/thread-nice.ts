import { readFileSync, readlinkSync } from 'node:fs';

/** This thread's OS id (Linux). */
export const ownThreadId = (): number => Number(readlinkSync('/proc/thread-self').split('/').pop());

/** The nice value of one of this process's threads, read from `/proc/self/task/<tid>/stat` (Linux). */
export function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
  // The command name may hold spaces: count fields from its closing parenthesis. Nice is field 19 of stat(5).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19 - 3]);
}
