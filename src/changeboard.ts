import { enableCompileCache } from 'node:module';
import { type AppContext, createAppContext } from './app/context.ts';
import { createJobHandlers } from './app/jobs/handlers.ts';
import { syncPolicyPeople } from './app/use-cases/sync-policy-people.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import type { Policy } from './domain/policy/types.ts';
import { healthzRoute } from './http/healthz.ts';
import { createHttpServer } from './http/server.ts';
import { startHeartbeat } from './jobs/heartbeat.ts';
import { releaseOrphanedClaims } from './jobs/queue.ts';
import { startThreadWorker } from './jobs/thread-worker.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import type { Logger } from './log.ts';
import type { PlatformAdapter, PlatformDeps } from './platforms/platform.ts';
import type { JobThreadData } from './worker-thread.ts';

export interface ChangeboardOptions {
  readonly config: Config;
  readonly policy: Policy;
  readonly log: Logger;
  readonly clock?: () => Date;
  /** node-cron expression for the worker heartbeat; null disables it (tests drive the worker themselves). */
  readonly heartbeat?: string | null;
  /**
   * Where the job worker runs. 'thread' (the default for a database file): a worker thread with its own
   * SQLite connection, so rendering and Web API calls never share the event loop that acks (issue 7).
   * 'inline' (the default for ':memory:' or a custom clock, which a thread cannot share): on this thread,
   * for tests that drive the worker themselves.
   */
  readonly jobWorker?: 'thread' | 'inline';
  /** Pretty log lines from the job thread too (main.ts passes whether stdout is a terminal). */
  readonly logPretty?: boolean;
}

/** A running Changeboard: one HTTP server, one database, one worker, the enabled platform adapters. */
export interface Changeboard {
  readonly ctx: AppContext;
  readonly database: Database;
  readonly worker: Worker;
  readonly adapters: readonly PlatformAdapter[];
  readonly port: number;
  /** Graceful stop: no new requests, in-flight jobs finish, the database closes. */
  stop(): Promise<void>;
}

// Start-up (issue 7): the platform SDKs are imported lazily below, and in the job thread again; Node's
// on-disk compile cache spares compiling them at every start. (Not under vitest, which loads modules itself.)
if (!process.env.VITEST) enableCompileCache?.();

async function loadAdapters(config: Config, deps: PlatformDeps): Promise<PlatformAdapter[]> {
  const adapters: PlatformAdapter[] = [];
  // Imported lazily so a deployment without a platform never loads its SDK.
  if (config.slack) {
    const { createSlackAdapter } = await import('./platforms/slack/index.ts');
    adapters.push(await createSlackAdapter(config.slack, deps));
  }
  if (config.teams) {
    const { createTeamsAdapter } = await import('./platforms/teams/index.ts');
    adapters.push(await createTeamsAdapter(config.teams, deps));
  }
  return adapters;
}

/** The composition root: wires storage, use cases, platforms, jobs and the server, then catches up on due jobs. */
export async function startChangeboard(opts: ChangeboardOptions): Promise<Changeboard> {
  const { config, log } = opts;
  const clock = opts.clock ?? (() => new Date());
  const database = openDatabase(config.databasePath);
  let worker: Worker | null = null;
  const wake = () => worker?.wake();
  const ctx = createAppContext({ database, policy: opts.policy, clock, onCommit: wake });
  try {
    // A crash left its claimed jobs leased for minutes: this process is the database's only one, so they
    // are claimable at once and the catch-up below runs them.
    const orphaned = releaseOrphanedClaims(database.db, clock());
    if (orphaned > 0) log.info(`jobs: ${orphaned} claimed by a stopped process are claimable again`);
    const known = syncPolicyPeople(ctx);
    if (known > 0) log.info(`policy: ${known} CAB members and implementers recorded as people`);
    const adapters = await loadAdapters(config, { ctx, log, wake });
    const inMemory = config.databasePath === ':memory:' || config.databasePath === '';
    const mode = opts.jobWorker ?? (inMemory || opts.clock ? 'inline' : 'thread');
    if (mode === 'thread' && (inMemory || opts.clock))
      throw new Error('the job thread needs a database file and the real clock');
    // With the job thread, its connection does the WAL checkpoints (they write the database file and fsync
    // it): an ack's commit never pays for one. The thread's connection keeps SQLite's default (1,000 pages).
    if (mode === 'thread') database.sqlite.pragma('wal_autocheckpoint = 0');
    const started =
      mode === 'thread'
        ? startThreadWorker({
            entry: new URL('./worker-thread.ts', import.meta.url),
            data: {
              config,
              policy: opts.policy,
              log: { level: config.logLevel, pretty: opts.logPretty ?? false },
            } satisfies JobThreadData,
            log: log.child({ component: 'worker' }),
          })
        : createWorker({
            database,
            handlers: createJobHandlers(
              ctx,
              adapters.map((a) => a.surface),
              log.child({ component: 'jobs' }),
            ),
            clock,
            log: log.child({ component: 'worker' }),
          });
    worker = started;
    const server = createHttpServer({
      log: log.child({ component: 'http' }),
      routes: [
        healthzRoute({ check: () => database.sqlite.prepare('SELECT 1').get(), log }),
        ...adapters.flatMap((a) => a.routes),
      ],
    });
    const { port } = await server.listen(config.port, config.host);
    try {
      for (const adapter of adapters) await adapter.start();
    } catch (error) {
      // e.g. Socket Mode refused the app token: leave nothing listening behind us.
      await server.close();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      throw error;
    }
    const heartbeat = opts.heartbeat === null ? null : startHeartbeat(started, { cron: opts.heartbeat });
    // Catch-up: whatever came due while the process was down runs now, once (the job thread does its own).
    if (mode === 'inline')
      void started.drain().catch((error) => log.error('catch-up drain failed', { error }));
    return {
      ctx,
      database,
      worker: started,
      adapters,
      port,
      async stop() {
        await server.close();
        heartbeat?.stop();
        for (const adapter of adapters) await adapter.stop();
        await started.stop();
        database.close();
      },
    };
  } catch (error) {
    database.close();
    throw error;
  }
}
