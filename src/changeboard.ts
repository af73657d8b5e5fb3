import { type AppContext, createAppContext } from './app/context.ts';
import type { FreezeSource } from './app/gate/check-gate.ts';
import { policyFreezeSource } from './app/gate/policy-freezes.ts';
import { createAllJobHandlers } from './app/jobs/registry.ts';
import { scheduleNextDigest } from './app/metrics/digest.ts';
import { planTrains } from './app/release/plan-trains.ts';
import { backfillChangeWindows } from './app/schedule/backfill-windows.ts';
import { syncPolicyPeople } from './app/use-cases/sync-policy-people.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import type { Policy } from './domain/policy/types.ts';
import { apiRoutes } from './http/api/index.ts';
import { calendarFeedRoute } from './http/calendar-feed.ts';
import { evidenceDownloadRoute } from './http/evidence-download.ts';
import { healthzRoute } from './http/healthz.ts';
import { createHttpServer } from './http/server.ts';
import { type DueTimer, startDueTimer } from './jobs/due-timer.ts';
import { startHeartbeat } from './jobs/heartbeat.ts';
import { releaseOrphanedClaims } from './jobs/queue.ts';
import { startThreadWorker } from './jobs/thread-worker.ts';
import { createWorker, type Worker } from './jobs/worker.ts';
import type { Logger } from './log.ts';
import { metricsRoute, timedRoute } from './observability/metrics-route.ts';
import { createQueueGauges } from './observability/queue-gauges.ts';
import { adapterSurfaces, type PlatformAdapter, type PlatformDeps } from './platforms/platform.ts';
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
  /**
   * The deployment gate: where freezes come from (the policy's change schedule by default; tests may pass
   * their own) and how often a long-poll looks again.
   */
  readonly gate?: { readonly freezes?: FreezeSource; readonly pollIntervalMs?: number };
  /**
   * Whether the inline worker runs what is due as soon as the app listens (default true). The playground
   * turns it off to add the app to its Teams channels first, then calls `catchUp()`, so a release card queued
   * at start-up is not tried before Teams has told the app where its channels are. Until then no commit, beat
   * or due timer wakes the worker.
   */
  readonly catchUp?: boolean;
}

/** A running Changeboard: one HTTP server, one database, one worker, the enabled platform adapters. */
export interface Changeboard {
  readonly ctx: AppContext;
  readonly database: Database;
  readonly worker: Worker;
  readonly adapters: readonly PlatformAdapter[];
  readonly port: number;
  /** The separate /metrics listener's port, when METRICS_PORT is set. */
  readonly metricsPort?: number;
  /**
   * Runs what is due now, then lets the due timer wake the worker as jobs come due; how many jobs ran. Only for
   * a start with `catchUp: false`, whose caller says when it is ready (otherwise it ran at start-up already).
   */
  catchUp(): Promise<number>;
  /** Graceful stop: no new requests, in-flight jobs finish, the database closes. */
  stop(): Promise<void>;
}

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
  let dueTimer: DueTimer | null = null;
  // With `catchUp: false` nothing wakes the worker until the caller's catchUp(): not a commit, not the timer.
  let holding = opts.catchUp === false;
  const wake = () => {
    if (holding) return;
    worker?.wake();
    dueTimer?.rearm();
  };
  const ctx = createAppContext({
    database,
    policy: opts.policy,
    clock,
    onCommit: wake,
    publicUrl: config.publicUrl,
  });
  try {
    // The digest's next occurrence is a job row from the first start on (deduped per occurrence).
    scheduleNextDigest(ctx, clock());
    // A crash left its claimed jobs leased for minutes: this process is the database's only one, so they
    // are claimable at once and the catch-up below runs them.
    const orphaned = releaseOrphanedClaims(database.db, clock());
    if (orphaned > 0) log.info(`jobs: ${orphaned} claimed by a stopped process are claimable again`);
    const known = syncPolicyPeople(ctx);
    if (known > 0) log.info(`policy: ${known} CAB members and implementers recorded as people`);
    const indexed = backfillChangeWindows(ctx);
    if (indexed > 0) log.info(`schedule: indexed the windows of ${indexed} open changes`);
    const adapters = await loadAdapters(config, { ctx, log, wake });
    const inMemory = config.databasePath === ':memory:' || config.databasePath === '';
    const mode = opts.jobWorker ?? (inMemory || opts.clock ? 'inline' : 'thread');
    if (mode === 'thread' && (inMemory || opts.clock))
      throw new Error('the job thread needs a database file and the real clock');
    // Release trains get their instances ahead of time (rows); the planning job keeps them coming.
    const planned = planTrains(ctx);
    if (planned > 0) log.info(`releases: ${planned} train instances planned ahead`);
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
            handlers: createAllJobHandlers(ctx, adapterSurfaces(adapters), log, {
              publicUrl: config.publicUrl,
            }),
            clock,
            log: log.child({ component: 'worker' }),
          });
    worker = started;
    const metrics = config.metrics
      ? metricsRoute({ queue: createQueueGauges(database, clock), token: config.metrics.token })
      : null;
    const server = createHttpServer({
      log: log.child({ component: 'http' }),
      routes: [
        healthzRoute({ check: () => database.sqlite.prepare('SELECT 1').get(), log }),
        calendarFeedRoute(ctx, log.child({ component: 'calendar-feed' })),
        ...adapters.flatMap((a) => a.routes.map((r) => timedRoute(r, a.name))),
        // On the main port only behind its token; with METRICS_PORT it gets a listener of its own instead.
        ...(metrics && config.metrics?.port === null ? [metrics] : []),
        // Evidence download links exist only where people can reach this server.
        ...(config.publicUrl ? [evidenceDownloadRoute(database, clock)] : []),
        ...apiRoutes(ctx, {
          freezes: opts.gate?.freezes ?? policyFreezeSource(() => ctx.policy),
          pollIntervalMs: opts.gate?.pollIntervalMs ?? 1000,
        }),
      ],
    });
    const { port } = await server.listen(config.port, config.host);
    const metricsServer =
      metrics && config.metrics?.port != null
        ? createHttpServer({ log: log.child({ component: 'metrics-http' }), routes: [metrics] })
        : null;
    const metricsPort = metricsServer
      ? (await metricsServer.listen(config.metrics!.port!, config.metrics!.host)).port
      : undefined;
    try {
      for (const adapter of adapters) await adapter.start();
    } catch (error) {
      // e.g. Socket Mode refused the app token: leave nothing listening behind us.
      await server.close();
      await metricsServer?.close();
      await Promise.allSettled(adapters.map((a) => a.stop()));
      throw error;
    }
    // Held (catchUp: false), the heartbeat's beats, its first one included, wait for catchUp() like commits do.
    const beatWake = {
      wake: () => {
        if (!holding) started.wake();
      },
    };
    const heartbeat = opts.heartbeat === null ? null : startHeartbeat(beatWake, { cron: opts.heartbeat });
    // Scheduled jobs (release reminders) run at their time, not at the next beat; off with the heartbeat.
    // The job thread keeps its own timer for the next run-at, so the ack thread does not query for it after
    // every commit.
    // Held, it starts with catchUp(): armed now, it would fire at once for a job already due.
    const startTimer = () =>
      opts.heartbeat === null || mode === 'thread' ? null : startDueTimer(started, database, { clock });
    dueTimer = holding ? null : startTimer();
    const catchUp = async () => {
      holding = false;
      const ran = await started.drain();
      dueTimer ??= startTimer();
      return ran;
    };
    // Catch-up: whatever came due while the process was down runs now, once (the job thread does its own).
    if (mode === 'inline' && !holding)
      void catchUp().catch((error) => log.error('catch-up drain failed', { error }));
    return {
      ctx,
      database,
      worker: started,
      adapters,
      port,
      ...(metricsPort === undefined ? {} : { metricsPort }),
      catchUp,
      async stop() {
        await server.close();
        await metricsServer?.close();
        heartbeat?.stop();
        dueTimer?.stop();
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
