// A child process of the load harness: the floor under Changeboard's resident memory. It loads the fixed
// stack's libraries and nothing of Changeboard: what the ack thread imports (Bolt, botbuilder, the database
// and zod) and, with `two`, a worker thread under the job thread's heap bounds that imports what the job
// thread does (the Slack Web API client instead of Bolt). It answers with its RSS after a full GC.
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { JOB_THREAD_RESOURCE_LIMITS } from '../../src/jobs/thread-limits.ts';

const load = createRequire(import.meta.url);
const SHARED = ['botbuilder', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/better-sqlite3', 'zod'];

async function report(): Promise<void> {
  // Let the isolates settle (the worker's start-up garbage), then collect before reading.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.send?.({ type: 'ready', rss: process.memoryUsage().rss });
}

if (isMainThread) {
  for (const name of ['@slack/bolt', ...SHARED]) load(name);
  if (process.argv[2] === 'two') {
    const thread = new Worker(new URL(import.meta.url), { resourceLimits: JOB_THREAD_RESOURCE_LIMITS });
    thread.once('message', () => void report());
  } else await report();
  process.on('message', (message: { type: string }) => message.type === 'stop' && process.exit(0));
  process.on('disconnect', () => process.exit(0));
} else {
  for (const name of ['@slack/web-api', ...SHARED]) load(name);
  parentPort?.postMessage('loaded');
}
