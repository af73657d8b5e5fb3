import { performance } from 'node:perf_hooks';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * Process-wide operational metrics (Prometheus, via prom-client). Event counters and latency histograms live
 * here so any layer can record without being handed a registry; per-database gauges (the job queue) are
 * registered by each running Changeboard and merged in at scrape time (see metrics-route.ts).
 */
export const opsRegistry = new Registry();

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
const LATENESS_BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

export const httpRequestDuration = new Histogram({
  name: 'changeboard_http_request_duration_seconds',
  help: 'Time from request to response, by platform route, method and status',
  labelNames: ['platform', 'method', 'status'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [opsRegistry],
});

export const ackDuration = new Histogram({
  name: 'changeboard_ack_duration_seconds',
  help: 'Time from receiving a Slack request or Teams activity to its acknowledgement, by platform and kind',
  labelNames: ['platform', 'kind'] as const,
  buckets: LATENCY_BUCKETS,
  registers: [opsRegistry],
});

export const jobLateness = new Histogram({
  name: 'changeboard_job_lateness_seconds',
  help: 'How long after its run-at time a job started, by kind',
  labelNames: ['kind'] as const,
  buckets: LATENESS_BUCKETS,
  registers: [opsRegistry],
});

export const reminderLateness = new Histogram({
  name: 'changeboard_reminder_lateness_seconds',
  help: 'How long after it was due an approval reminder went out',
  buckets: LATENESS_BUCKETS,
  registers: [opsRegistry],
});

export const jobRuns = new Counter({
  name: 'changeboard_job_runs_total',
  help: 'Job runs by kind and outcome (done, retry_later, failed)',
  labelNames: ['kind', 'outcome'] as const,
  registers: [opsRegistry],
});

export const votesCast = new Counter({
  name: 'changeboard_votes_total',
  help: 'CAB votes recorded, by decision and platform',
  labelNames: ['decision', 'platform'] as const,
  registers: [opsRegistry],
});

export const voteRefusals = new Counter({
  name: 'changeboard_vote_refusals_total',
  help: 'Votes refused, by stable code (self_approval, not_cab_member, duplicate_vote, stale_version, …)',
  labelNames: ['code', 'platform'] as const,
  registers: [opsRegistry],
});

export const errorsTotal = new Counter({
  name: 'changeboard_errors_total',
  help: 'Unexpected errors, by where they happened (slack, teams, http, job)',
  labelNames: ['source'] as const,
  registers: [opsRegistry],
});

/** Seconds elapsed since `start` (a performance.now() reading). */
export const secondsSince = (start: number): number => (performance.now() - start) / 1000;

/**
 * One observation as a small, structured-cloneable message. The job worker runs in a worker thread whose
 * module instance (and so whose registry) is not the one `GET /metrics` serves: there, observations are
 * forwarded to the main thread, which applies them to its registry (see `forwardOpsTo`).
 */
export type OpsObservation =
  | {
      readonly metric: 'job_run';
      readonly kind: string;
      readonly lateSeconds: number;
      readonly outcome: 'done' | 'retry_later' | 'failed';
    }
  | { readonly metric: 'error'; readonly source: string };

let forward: ((observation: OpsObservation) => void) | null = null;

/** In the job thread: send every observation to `send` (the main thread) instead of this thread's registry. */
export function forwardOpsTo(send: ((observation: OpsObservation) => void) | null): void {
  forward = send;
}

/** Applies an observation to this thread's registry (the main thread, for what the job thread sent). */
export function applyOpsObservation(o: OpsObservation): void {
  if (o.metric === 'error') {
    errorsTotal.inc({ source: o.source });
    return;
  }
  jobLateness.observe({ kind: o.kind }, o.lateSeconds);
  if (o.kind === 'change.remind') reminderLateness.observe(o.lateSeconds);
  jobRuns.inc({ kind: o.kind, outcome: o.outcome });
  if (o.outcome === 'failed') errorsTotal.inc({ source: 'job' });
}

const observe = (o: OpsObservation): void => (forward ? forward(o) : applyOpsObservation(o));

/** Records a job run: its lateness against run-at and its outcome. */
export function recordJobRun(
  kind: string,
  runAt: Date,
  startedAt: Date,
  outcome: 'done' | 'retry_later' | 'failed',
): void {
  const lateSeconds = Math.max(0, (startedAt.getTime() - runAt.getTime()) / 1000);
  observe({ metric: 'job_run', kind, lateSeconds, outcome });
}

/** Records an unexpected error by where it happened (slack, teams, http, job). */
export const recordError = (source: string): void => observe({ metric: 'error', source });

/** Records a vote's result: a recorded vote, or a refusal under its stable code. */
export function recordVote(
  platform: string,
  decision: string,
  result: { ok: true } | { ok: false; error: { code: string } },
): void {
  if (result.ok) votesCast.inc({ decision, platform });
  else voteRefusals.inc({ code: result.error.code, platform });
}
