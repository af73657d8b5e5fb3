// The load generator's side: an open-loop sender (requests leave on schedule whether or not earlier ones
// were answered, so a slow subject cannot slow its own load) and the child processes it measures.
import { type ChildProcess, fork } from 'node:child_process';
import http from 'node:http';
import { type Stats, statsOf } from './common.ts';

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

export interface Target {
  readonly port: number;
  readonly path: string;
}

export interface Request {
  readonly body: string;
  readonly headers: Record<string, string>;
}

/** POSTs one request; resolves with its latency in ms and whether it was answered 2xx in time. */
export function send(
  target: Target,
  request: Request,
  timeoutMs = 10_000,
): Promise<{ ms: number; ok: boolean; status: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        agent,
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          resolve({ ms: performance.now() - start, ok: status >= 200 && status < 300, status });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ ms: performance.now() - start, ok: false, status: 0 }));
    req.end(request.body);
  });
}

/**
 * Sends `make(i)` for i = 0, 1, … at `rate` per second for `seconds`, open loop, and returns the latencies
 * of the answered requests and the count of errors (non-2xx, refused, timed out).
 */
export async function openLoop(
  target: Target,
  rate: number,
  seconds: number,
  make: (i: number) => Request,
): Promise<Stats> {
  const { latencies, errors } = await collect(target, rate, seconds, make);
  return statsOf(latencies, errors, seconds);
}

/** The raw latencies and error count of one open-loop step (so steps can be merged). */
async function collect(target: Target, rate: number, seconds: number, make: (i: number) => Request) {
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (sent < due) {
      const i = sent++;
      inFlight.push(
        send(target, make(i)).then((r) => {
          if (r.ok) latencies.push(r.ms);
          else errors++;
        }),
      );
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  return { latencies, errors };
}

/** How many A B rounds `alternate` runs: 4 × 5 s at 50/s gives each side 1,000 samples, so its p99 is the
 * 10th-slowest answer rather than the 5th, and one stall of the shared host moves it less. */
export const AB_ROUNDS = 4;

/**
 * A B A B …: the same vote stream alternately to the subject (A) and the baseline (B), `phase` seconds
 * each, `AB_ROUNDS` times, after a 2-second warm-up of each that is not counted.
 */
export async function alternate(
  a: Target,
  b: Target,
  rate: number,
  phase: number,
  makeA: () => Request,
  makeB: () => Request,
): Promise<{ subject: Stats; baseline: Stats }> {
  await openLoop(a, rate, 2, makeA);
  await openLoop(b, rate, 2, makeB);
  const runs = { a: { latencies: [] as number[], errors: 0 }, b: { latencies: [] as number[], errors: 0 } };
  for (let round = 0; round < AB_ROUNDS; round++) {
    for (const [key, target, make] of [
      ['a', a, makeA],
      ['b', b, makeB],
    ] as const) {
      const r = await collect(target, rate, phase, make);
      runs[key].latencies.push(...r.latencies);
      runs[key].errors += r.errors;
    }
  }
  return {
    subject: statsOf(runs.a.latencies, runs.a.errors, AB_ROUNDS * phase),
    baseline: statsOf(runs.b.latencies, runs.b.errors, AB_ROUNDS * phase),
  };
}

export interface Child {
  readonly process: ChildProcess;
  readonly ready: Record<string, unknown>;
  request<T>(message: { readonly type: string; readonly [key: string]: unknown }, answer: string): Promise<T>;
  stop(): Promise<void>;
}

/**
 * Forks a harness process and waits for its "ready" message. `flags` replace this process's Node flags
 * (Changeboard runs with the ones `npm start` uses); `gc` lets it collect garbage before a memory reading.
 */
export function startChild(
  file: string,
  args: readonly string[],
  opts: { gc?: boolean; flags?: readonly string[]; env?: Record<string, string> } = {},
): Promise<Child> {
  const child = fork(new URL(file, import.meta.url), [...args], {
    execArgv: [...(opts.flags ?? process.execArgv), ...(opts.gc ? ['--expose-gc'] : [])],
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${file} exited (${code}) before it was ready`)));
    child.once('message', (ready: Record<string, unknown>) => {
      child.removeAllListeners('exit');
      resolve({
        process: child,
        ready,
        request: <T>(message: { readonly type: string; readonly [key: string]: unknown }, answer: string) =>
          new Promise<T>((ok) => {
            const on = (m: { type: string }) => {
              if (m.type !== answer) return;
              child.off('message', on);
              ok(m as T);
            };
            child.on('message', on);
            child.send(message);
          }),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              done();
            });
            child.send({ type: 'stop' });
          }),
      });
    });
  });
}

/** Spawns a server and measures the time from spawn to its first 2xx answer to `request` (polled). */
export async function timeToFirstAck(
  file: string,
  args: readonly string[],
  path: string,
  request: () => Request,
  opts: { flags?: readonly string[] } = {},
): Promise<{ ms: number; child: Child }> {
  const spawned = performance.now();
  const child = await startChild(file, args, opts);
  const target = { port: Number(child.ready.port), path };
  for (;;) {
    const r = await send(target, request(), 2_000);
    if (r.ok) return { ms: performance.now() - spawned, child };
    await new Promise((res) => setTimeout(res, 5));
  }
}
