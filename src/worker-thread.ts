// The job worker's thread (see src/jobs/thread-worker.ts): its own database connection, chat surfaces and
// Web API clients built from the configuration, the one handler registry, the same worker as in-process.
import { parentPort, workerData } from 'node:worker_threads';
import { createAppContext } from './app/context.ts';
import { HOME_REFRESH_WINDOW_MS } from './app/jobs/outbox.ts';
import { createAllJobHandlers } from './app/jobs/registry.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/client.ts';
import type { Policy } from './domain/policy/types.ts';
import { safeErrorText } from './jobs/error-text.ts';
import { nextRunAt } from './jobs/queue.ts';
import { lowerThisThreadsPriority } from './jobs/thread-priority.ts';
import type { FromJobThread, ToJobThread } from './jobs/thread-worker.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import { createLogger, type LogLevel } from './log.ts';
import { createOpsBatch } from './observability/ops-batch.ts';
import { forwardOpsTo } from './observability/ops-metrics.ts';
import { createJobSurfaces } from './platforms/job-surfaces.ts';

export interface JobThreadData {
  readonly config: Config;
  readonly policy: Policy;
  readonly log: { readonly level: LogLevel; readonly pretty: boolean };
}

const port = parentPort;
if (!port) throw new Error('src/worker-thread.ts runs only as a worker thread');
const data = workerData as JobThreadData;
const send = (message: FromJobThread) => port.postMessage(message);
const log = createLogger({ level: data.log.level, pretty: data.log.pretty }).child({ thread: 'jobs' });
// This thread's registry is not the one GET /metrics serves: job runs, lateness and errors go to the main
// thread in batches (see ops-batch.ts), flushed before a "drained" answer so a drain's runs are counted by then.
const ops = createOpsBatch((observations) => send({ type: 'ops', observations }));
forwardOpsTo(ops.add);

let worker: Worker | null = null;
// A job's own commits wake the drain it runs in (a drain claims until nothing is due).
const kickLater = () => worker?.wake();
const database = openDatabase(data.config.databasePath);
// A job that enqueues follow-up work (a fan-out, a home refresh) wakes this worker, not the main thread.
// App Home refreshes wait a short window, so a burst of votes publishes each person's Home once.
const ctx = createAppContext({
  database,
  policy: data.policy,
  onCommit: () => kickLater(),
  homeRefreshDelayMs: HOME_REFRESH_WINDOW_MS,
  publicUrl: data.config.publicUrl,
});
const surfaces = await createJobSurfaces(data.config, ctx, log);
worker = createWorker({
  database,
  handlers: createAllJobHandlers(ctx, surfaces, log, { publicUrl: data.config.publicUrl }),
  clock: ctx.clock,
  // The main thread's acks must get the write lock between rounds, even with a backlog of due jobs.
  pauseMs: 2,
  log: log.child({ component: 'worker' }),
});
const running = worker;

// Jobs due later (a reminder, an App Home refresh waiting out its window) are claimed when they come due: after
// each drain a timer is set for the next run-at (the main thread's heartbeat remains the backstop).
let timer: NodeJS.Timeout | null = null;
function kick(): void {
  running.drain().then(
    () => {
      if (timer) clearTimeout(timer);
      const next = nextRunAt(database.db);
      if (next === null) return;
      const wait = Math.min(Math.max(next.getTime() - Date.now(), 10), 15_000);
      timer = setTimeout(kick, wait);
      timer.unref();
    },
    (error: unknown) => log.error('job drain failed', { error: safeErrorText(error) }),
  );
}

port.on('message', (message: ToJobThread) => {
  if (message.type === 'wake') kick();
  else if (message.type === 'drain') {
    running.drain().then(
      (ran) => {
        ops.flush();
        send({ type: 'drained', id: message.id, ran });
      },
      (error: unknown) => {
        ops.flush();
        send({ type: 'drained', id: message.id, ran: 0, error: safeErrorText(error) });
      },
    );
  } else if (message.type === 'stop') {
    if (timer) clearTimeout(timer);
    running
      .stop()
      .catch((error: unknown) => log.error('job worker stop failed', { error: safeErrorText(error) }))
      .finally(() => {
        database.close();
        ops.flush();
        send({ type: 'stopped' });
      });
  }
});
// Background work yields the cores to the acks (issue 7): the kernel runs an ack first when both wait.
send({ type: 'ready', osThreadId: lowerThisThreadsPriority() });
// Catch-up: whatever came due while the process was down runs now, once.
kick();
