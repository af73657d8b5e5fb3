// `npm run bench`: the load harness (issue 7). Changeboard, a bare Bolt app and a bare CloudAdapter bot
// each run in their own process, the fake Slack API and Bot Connector in another, and this process is the
// load generator. Every figure is a ratio against a baseline measured in the same run; `--long` soaks
// for 10 minutes instead of 30 seconds. Absolute numbers vary with the machine and its load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_FLAGS } from '../../src/node-flags.ts';
import { ms, ratio, type Stats, slackRequest, slackVoteBody, teamsVoteActivity, voters } from './common.ts';
import {
  AB_ROUNDS,
  alternate,
  type Child,
  openLoop,
  type Request,
  startChild,
  timeToFirstAck,
} from './load.ts';
import { seedDatabase } from './seed.ts';

const LONG = process.argv.includes('--long');
/** What the Changeboard child reports: its process's memory, and the job thread's heap when there is one. */
interface MemoryProbe {
  readonly rss: number;
  readonly heapUsed: number;
  readonly thread: { readonly used: number; readonly total: number } | null;
}
const CAB = 70;
const cab = voters(CAB);
const dir = mkdtempSync(join(tmpdir(), 'changeboard-load-'));
const children: Child[] = [];
const lines: string[] = [];
const verdicts: { target: string; met: boolean; figure: string }[] = [];

const out = (line = '') => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
/** Memory in MB of 1,048,576 bytes, as the RSS target reads. */
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const statLine = (name: string, s: Stats) =>
  `  ${name.padEnd(34)} p50 ${ms(s.p50).padStart(9)}  p99 ${ms(s.p99).padStart(9)}  max ${ms(s.max).padStart(9)}  ${s.n} ok, ${s.errors} errors`;
const verdict = (target: string, met: boolean, figure: string) => {
  verdicts.push({ target, met, figure });
  out(`  → ${met ? 'MET' : 'NOT MET'}: ${target} (${figure})`);
};

/** Distinct real votes: vote k is voter ⌊k / N⌋ on change k mod N, so no voter votes twice on a change. */
function voteStream(ids: readonly number[]) {
  let next = 0;
  return {
    slack(): Request {
      const k = next++;
      return slackRequest(slackVoteBody(cab[Math.floor(k / ids.length) % CAB]!, ids[k % ids.length]!, k));
    },
    teams(serviceUrl: string): Request {
      const k = next++;
      const activity = teamsVoteActivity(
        cab[Math.floor(k / ids.length) % CAB]!,
        ids[k % ids.length]!,
        k,
        serviceUrl,
      );
      return { body: JSON.stringify(activity), headers: { 'content-type': 'application/json' } };
    },
  };
}

async function changeboard(databasePath: string, slackApiUrl: string, jobWorker = 'thread'): Promise<Child> {
  const child = await startChild(
    './changeboard-server.ts',
    [JSON.stringify({ databasePath, slackApiUrl, cabSize: CAB, jobWorker })],
    { gc: true, flags: NODE_FLAGS },
  );
  children.push(child);
  return child;
}

/** The RSS of the fixed stack's libraries alone, without and with a job thread (see library-floor.ts). */
async function libraryFloor(): Promise<{ one: number; two: number }> {
  const rss = async (mode: string) => {
    const child = await startChild('./library-floor.ts', [mode], { gc: true, flags: NODE_FLAGS });
    await child.stop();
    return Number(child.ready.rss);
  };
  return { one: await rss('one'), two: await rss('two') };
}

async function main() {
  const started = performance.now();
  out(
    `Changeboard load harness${LONG ? ' (long soak)' : ''}: ${CAB}-person CAB, signed real votes, local fake APIs`,
  );
  const apis = await startChild('./fake-apis.ts', [String(CAB)]);
  children.push(apis);
  const slackApiUrl = String(apis.ready.slackApiUrl);
  const serviceUrl = String(apis.ready.serviceUrl);
  const counts = () =>
    apis.request<{ counts: Record<string, number> }>({ type: 'counts' }, 'counts').then((m) => m.counts);

  const bareSlack = await startChild('./bare-server.ts', ['slack']);
  const bareTeams = await startChild('./bare-server.ts', ['teams']);
  children.push(bareSlack, bareTeams);
  const bareSlackTarget = { port: Number(bareSlack.ready.port), path: '/slack/events' };
  const bareTeamsTarget = { port: Number(bareTeams.ready.port), path: '/api/messages' };

  // 1. The headline: 50 votes/s, 1,000 open changes, against the bare Bolt app.
  const mainDb = join(dir, 'main.db');
  const mainIds = seedDatabase({ path: mainDb, cabSize: CAB, open: 1_000, serviceUrl });
  const cb = await changeboard(mainDb, slackApiUrl);
  const cbSlack = { port: Number(cb.ready.port), path: '/slack/events' };
  const cbTeams = { port: Number(cb.ready.port), path: '/api/messages' };
  const stream = voteStream(mainIds);
  const bareStream = voteStream(mainIds);
  // Resident memory between sections shows which kind of traffic grows it (native memory the heap does not see).
  const rssLine = async (when: string) => {
    const m = await cb.request<MemoryProbe>({ type: 'memory' }, 'memory');
    const thread = m.thread ? `, job thread's heap ${mb(m.thread.used)}` : '';
    out(`  Changeboard ${when}: RSS ${mb(m.rss)}, heap ${mb(m.heapUsed)}${thread}`);
  };
  await rssLine('after start-up');
  out();
  out(`1. Slack ack latency, 50 votes/s, 1,000 open changes (A B × ${AB_ROUNDS}, 5 s phases)`);
  const before = await counts();
  const slackAb = await alternate(
    cbSlack,
    bareSlackTarget,
    50,
    5,
    () => stream.slack(),
    () => bareStream.slack(),
  );
  await cb.request({ type: 'drain' }, 'drained');
  const after = await counts();
  out(statLine('Changeboard', slackAb.subject));
  out(statLine('bare Bolt app (baseline)', slackAb.baseline));
  out(
    `  p50 ratio ${ratio(slackAb.subject.p50, slackAb.baseline.p50)}, p99 ratio ${ratio(slackAb.subject.p99, slackAb.baseline.p99)}`,
  );
  // Changeboard received the warm-up's 100 votes and the measured phases' 250 each.
  const votes = 100 + AB_ROUNDS * 5 * 50;
  const per = (m: string) => ((after[m] ?? 0) - (before[m] ?? 0)) / votes;
  out(
    `  Web API calls per vote (after the worker drained): chat.update ${per('chat.update').toFixed(2)}, views.publish ${per('views.publish').toFixed(2)}`,
  );
  verdict(
    'ack p99 ≤ 1.5× bare Bolt at 50 votes/s',
    slackAb.subject.p99 <= 1.5 * slackAb.baseline.p99 && slackAb.subject.errors === 0,
    `${ratio(slackAb.subject.p99, slackAb.baseline.p99)}`,
  );
  await rssLine('after the Slack votes');

  // 2. The same for Teams invokes against a bare CloudAdapter bot.
  out();
  out(`2. Teams invoke latency, 50 votes/s, 1,000 open changes (A B × ${AB_ROUNDS}, 5 s phases)`);
  const teamsAb = await alternate(
    cbTeams,
    bareTeamsTarget,
    50,
    5,
    () => stream.teams(serviceUrl),
    () => bareStream.teams(serviceUrl),
  );
  out(statLine('Changeboard', teamsAb.subject));
  out(statLine('bare CloudAdapter bot (baseline)', teamsAb.baseline));
  out(
    `  p50 ratio ${ratio(teamsAb.subject.p50, teamsAb.baseline.p50)}, p99 ratio ${ratio(teamsAb.subject.p99, teamsAb.baseline.p99)}`,
  );
  verdict(
    'invoke p99 ≤ 1.5× bare CloudAdapter at 50 votes/s',
    teamsAb.subject.p99 <= 1.5 * teamsAb.baseline.p99 && teamsAb.subject.errors === 0,
    `${ratio(teamsAb.subject.p99, teamsAb.baseline.p99)}`,
  );
  await cb.request({ type: 'drain' }, 'drained');
  await rssLine('after the Teams invokes');

  // 3. Throughput ramp.
  out();
  out('3. Throughput ramp (Slack votes, 5 s a step, 1,000 open changes)');
  let sustained = 0;
  for (const rate of [100, 200, 300, 400]) {
    const s = await openLoop(cbSlack, rate, 5, () => stream.slack());
    out(statLine(`Changeboard at ${rate}/s (${s.rate.toFixed(0)}/s answered)`, s));
    if (s.errors === 0 && s.p99 <= 150) sustained = rate;
  }
  const bare300 = await openLoop(bareSlackTarget, 300, 5, () => bareStream.slack());
  out(statLine('bare Bolt app at 300/s (baseline)', bare300));
  verdict(
    '≥ 300 votes/s sustained with p99 ≤ 150 ms and no errors',
    sustained >= 300,
    `highest step met: ${sustained || 'none'}/s`,
  );
  await cb.request({ type: 'drain' }, 'drained');

  // 4. Soak on the same instance: memory while votes keep coming.
  out();
  const soakSeconds = LONG ? 600 : 30;
  out(
    `4. Soak: 50 votes/s for ${soakSeconds} s; resident memory and heap (after GC) of the Changeboard process`,
  );
  // Heap growth compares readings after a full GC; resident memory is sampled every second as it is (no GC
  // forced, which would lower it).
  const memory = (gc: boolean) =>
    cb.request<{ rss: number; heapUsed: number }>({ type: 'memory', gc }, 'memory');
  const first = await memory(true);
  const samples = [first];
  const soak = openLoop(cbSlack, 50, soakSeconds, () => stream.slack());
  const sampler = setInterval(() => void memory(false).then((m) => samples.push(m)), 1_000);
  const soakStats = await soak;
  clearInterval(sampler);
  await cb.request({ type: 'drain' }, 'drained');
  const last = await memory(true);
  samples.push(last);
  const maxRss = Math.max(...samples.map((s) => s.rss));
  const growth = (last.heapUsed - first.heapUsed) / first.heapUsed;
  out(statLine('Changeboard during the soak', soakStats));
  out(
    `  RSS: start ${mb(first.rss)}, max ${mb(maxRss)}, end ${mb(last.rss)}; heap: start ${mb(first.heapUsed)}, end ${mb(last.heapUsed)} (${(growth * 100).toFixed(1)} %)`,
  );
  verdict('RSS ≤ 200 MB over the soak', maxRss <= 200 * 1_048_576, mb(maxRss));
  const floor = await libraryFloor();
  out(
    `  floor, the fixed stack's libraries alone (no Changeboard code): ${mb(floor.one)} in one isolate, ${mb(floor.two)} with a job thread`,
  );
  verdict('heap growth ≤ 5 % over the soak', growth <= 0.05, `${(growth * 100).toFixed(1)} %`);
  await cb.stop();

  // 5. Data-size sweep: the per-vote cost stays flat from 10 to 10,000 open changes (+100,000 closed).
  out();
  out('5. Data-size sweep: 50 Slack votes/s for 5 s on each database');
  const sweep: { open: number; s: Stats }[] = [];
  for (const open of [10, 100, 1_000, 10_000]) {
    const path = join(dir, `sweep-${open}.db`);
    const closed = open === 10_000 ? 100_000 : 0;
    const ids = seedDatabase({ path, cabSize: CAB, open, closed, serviceUrl });
    const child = await changeboard(path, slackApiUrl);
    const target = { port: Number(child.ready.port), path: '/slack/events' };
    const votesOn = voteStream(ids);
    // Warm up, then let the job thread finish what the warm-up and start-up gave it (a fresh process with
    // 10,000 open changes has more to catch up on), so the phase measures the votes rather than the start.
    await openLoop(target, 50, 2, () => votesOn.slack());
    await child.request({ type: 'drain' }, 'drained');
    const s = await openLoop(target, 50, 5, () => votesOn.slack());
    sweep.push({ open, s });
    out(statLine(`${open.toLocaleString('en')} open${closed ? ', 100,000 closed' : ''}`, s));
    await child.stop();
  }
  const small = sweep[0]!.s;
  const large = sweep.at(-1)!.s;
  out(`  p50 at 10,000 / p50 at 10: ${ratio(large.p50, small.p50)}; p99: ${ratio(large.p99, small.p99)}`);

  // 6. Cold start to first ack, and start-up with 100,000 due jobs.
  out();
  out('6. Start-up: from spawning the process to the first vote acknowledged');
  const coldDb = join(dir, 'cold.db');
  const coldIds = seedDatabase({ path: coldDb, cabSize: CAB, open: 10, serviceUrl });
  const coldVotes = voteStream(coldIds);
  const config = (path: string) => [
    JSON.stringify({ databasePath: path, slackApiUrl, cabSize: CAB, jobWorker: 'thread' }),
  ];
  const cold = await timeToFirstAck(
    './changeboard-server.ts',
    config(coldDb),
    '/slack/events',
    () => coldVotes.slack(),
    { flags: NODE_FLAGS },
  );
  await cold.child.stop();
  const bareCold = await timeToFirstAck('./bare-server.ts', ['slack'], '/slack/events', () =>
    coldVotes.slack(),
  );
  await bareCold.child.stop();
  out(
    `  Changeboard: ${ms(cold.ms)}; bare Bolt app (baseline): ${ms(bareCold.ms)} (${ratio(cold.ms, bareCold.ms)})`,
  );
  verdict('first ack ≤ 1 s after start', cold.ms <= 1_000, ms(cold.ms));
  const backlogDb = join(dir, 'backlog.db');
  const backlogIds = seedDatabase({
    path: backlogDb,
    cabSize: CAB,
    open: 10,
    pendingJobs: 100_000,
    serviceUrl,
  });
  const backlogVotes = voteStream(backlogIds);
  const backlog = await timeToFirstAck(
    './changeboard-server.ts',
    config(backlogDb),
    '/slack/events',
    () => backlogVotes.slack(),
    { flags: NODE_FLAGS },
  );
  await backlog.child.stop();
  out(`  with 100,000 due jobs queued: ${ms(backlog.ms)} (${ratio(backlog.ms, cold.ms)} the empty queue's)`);
  verdict('start-up with 100,000 pending jobs ≤ 1.5 s', backlog.ms <= 1_500, ms(backlog.ms));

  out();
  out(
    `Targets met: ${verdicts.filter((v) => v.met).length} of ${verdicts.length}. Run time ${((performance.now() - started) / 1000).toFixed(0)} s.`,
  );
  for (const v of verdicts.filter((x) => !x.met)) out(`  not met: ${v.target} — ${v.figure}`);
}

try {
  await main();
} finally {
  await Promise.allSettled(children.map((c) => c.stop()));
  rmSync(dir, { recursive: true, force: true });
}
