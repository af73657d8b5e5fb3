// Runs as a job thread in test/jobs/thread-restart.test.ts: counts its starts in shared memory, answers
// drains, and dies on "wake" (as a thread that hit a fatal error would).
import { parentPort, workerData } from 'node:worker_threads';

const { starts } = workerData as { starts: Int32Array };
Atomics.add(starts, 0, 1);
parentPort?.on('message', (message: { type: string; id?: number }) => {
  if (message.type === 'wake') process.exit(3);
  if (message.type === 'drain') parentPort?.postMessage({ type: 'drained', id: message.id, ran: 0 });
  if (message.type === 'stop') parentPort?.postMessage({ type: 'stopped' });
});
parentPort?.postMessage({ type: 'ready' });
