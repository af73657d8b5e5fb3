// Runs in a worker thread (plain Node, native type stripping): claims jobs from a shared file database as fast
// as it can and reports every id it got, so the test can look for a job handed out twice.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../src/db/client.ts';
import { claimDue } from '../../src/jobs/queue.ts';

const { path, now, start } = workerData as { path: string; now: number; start: Int32Array };
const database = openDatabase(path);
// Every thread waits here until all are ready, so their claims overlap.
Atomics.wait(start, 0, 0);
const ids: number[] = [];
for (;;) {
  const claimed = claimDue(database.db, new Date(now), { leaseMs: 60_000, limit: 5 });
  if (claimed.length === 0) break;
  for (const job of claimed) ids.push(job.id);
}
database.close();
parentPort?.postMessage(ids);
