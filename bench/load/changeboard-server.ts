// A child process of the load harness: Changeboard itself (the composition root, as main.ts starts it),
// with Slack over HTTP and Teams in emulator mode, both calling the fake APIs. Answers memory probes.
import { startChangeboard } from '../../src/changeboard.ts';
import type { ThreadWorker } from '../../src/jobs/thread-worker.ts';
import { createLogger } from '../../src/log.ts';
import { benchPolicy, SIGNING_SECRET, voters } from './common.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as {
  databasePath: string;
  slackApiUrl: string;
  cabSize: number;
  jobWorker: 'thread' | 'inline';
};
const startedAt = Number(process.env.BENCH_SPAWNED_AT ?? Date.now());
const app = await startChangeboard({
  config: {
    port: 0,
    host: '127.0.0.1',
    databasePath: options.databasePath,
    policyFile: null,
    logLevel: 'error',
    publicUrl: null,
    slack: {
      botToken: 'xoxb-bench',
      signingSecret: SIGNING_SECRET,
      appToken: null,
      apiUrl: options.slackApiUrl,
      botUserId: 'UBENCHBOT',
      botId: 'BBENCHBOT',
    },
    teams: {
      appId: null,
      appPassword: null,
      appType: 'SingleTenant',
      tenantId: null,
      allowUnauthenticated: true,
    },
  },
  policy: benchPolicy(voters(options.cabSize)),
  log: createLogger({ level: 'error' }),
  jobWorker: options.jobWorker,
});
process.on('message', (message: { type: string; gc?: boolean }) => {
  if (message.type === 'memory') {
    // The job thread's statistics come first: they wait until the thread has started (loaded its modules),
    // so a reading right after start-up includes it. `gc: false` reads memory as it is (the soak's samples).
    const worker = app.worker as Partial<ThreadWorker>;
    void (worker.heapStatistics?.() ?? Promise.resolve(null)).then((thread) => {
      if (message.gc !== false) (globalThis as { gc?: () => void }).gc?.();
      const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      process.send?.({ type: 'memory', rss, heapUsed, heapTotal, external, arrayBuffers, thread });
    });
  } else if (message.type === 'drain') {
    void app.worker.drain().then((ran) => process.send?.({ type: 'drained', ran }));
  } else if (message.type === 'stop') {
    void app.stop().then(() => process.exit(0));
  }
});
process.send?.({ type: 'ready', port: app.port, startMs: Date.now() - startedAt });

// The harness went away (it finished, or was interrupted): do not outlive it.
process.on('disconnect', () => process.exit(0));
