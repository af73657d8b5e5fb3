// SIGKILL of the whole process, restarted on the same database (issue 7): during a stream of votes every
// acknowledged vote is counted once; during due reminders every message is sent, and only a message whose
// request was in flight at the kill is sent again. `npm run soak` kills 20 times (KILLS); `npm test` twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { slackRequest, slackVoteBody, voters } from '../../bench/load/common.ts';
import { send } from '../../bench/load/load.ts';
import { seedDatabase } from '../../bench/load/seed.ts';
import { JOB } from '../../src/app/jobs/kinds.ts';
import { openDatabase } from '../../src/db/client.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { startServer } from './process.ts';
import { seeded } from './random.ts';

const KILLS = Number(process.env.KILLS ?? 2);
const SEED = Number(process.env.KILL_SEED ?? 11);
const CAB = 10;
const cab = voters(CAB);
const TIMEOUT_MS = Math.max(120_000, KILLS * 15_000);

let dir = '';
let fake: FakeSlackApi | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function setUp(open: number) {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-kill-'));
  fake = await startFakeSlackApi();
  for (const v of cab) fake.addUser(v.slack, { name: v.name, email: v.email, tz: 'Europe/Paris' });
  const path = join(dir, 'changeboard.db');
  const ids = seedDatabase({ path, cabSize: CAB, open });
  return { path, ids, server: { databasePath: path, slackApiUrl: fake.apiUrl, cabSize: CAB } };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SIGKILL and restart on the same database (issue 7)', () => {
  it(
    `counts every acknowledged vote exactly once across ${KILLS} kills during a vote stream`,
    async () => {
      const r = seeded(SEED);
      const { path, ids, server } = await setUp(300);
      const acked: { voter: string; changeId: number }[] = [];
      let next = 0;
      for (let kill = 0; kill < KILLS; kill++) {
        const app = await startServer(server);
        const target = { port: app.port, path: '/slack/events' };
        const inFlight: Promise<void>[] = [];
        const killAt = performance.now() + 100 + r.int(500);
        // Votes leave every 5 ms whether or not earlier ones were answered, until the process is killed.
        // Votes are distinct (a voter never votes twice on a change), so each one either counts or was lost.
        while (performance.now() < killAt && next < ids.length * CAB) {
          const k = next++;
          const voter = cab[Math.floor(k / ids.length) % CAB]!;
          const changeId = ids[k % ids.length]!;
          inFlight.push(
            send(target, slackRequest(slackVoteBody(voter, changeId, k)), 5_000).then((res) => {
              if (res.ok) acked.push({ voter: voter.slack, changeId });
            }),
          );
          await sleep(5);
        }
        await app.kill();
        await Promise.all(inFlight);
      }
      // A last start runs whatever the kills left (card refreshes), then stops cleanly.
      const last = await startServer(server);
      await last.drain();
      await last.stop();

      expect(acked.length).toBeGreaterThan(0);
      const database = openDatabase(path);
      const rows = database.sqlite
        .prepare(
          `SELECT p.slack_user_id AS voter, v.change_id AS changeId, count(*) AS n FROM votes v
           JOIN people p ON p.id = v.person_id GROUP BY v.person_id, v.change_id`,
        )
        .all() as { voter: string; changeId: number; n: number }[];
      const audited = database.sqlite
        .prepare(`SELECT change_id AS changeId, actor_id AS actor, count(*) AS n FROM audit_events
                  WHERE action = 'vote.approve' GROUP BY change_id, actor_id`)
        .all() as { n: number }[];
      const running = database.sqlite
        .prepare(`SELECT count(*) AS n FROM jobs WHERE status = 'running'`)
        .get();
      database.close();
      const counted = new Map(rows.map((row) => [`${row.voter}:${row.changeId}`, row.n]));
      const missing = acked.filter((a) => counted.get(`${a.voter}:${a.changeId}`) !== 1);
      expect(missing).toEqual([]);
      expect(rows.every((row) => row.n === 1)).toBe(true);
      expect(audited.every((row) => row.n === 1)).toBe(true);
      expect(audited).toHaveLength(rows.length);
      expect(running).toEqual({ n: 0 });
    },
    TIMEOUT_MS,
  );

  it(
    `sends every due reminder, repeating only what was in flight, across ${KILLS} kills while they go out`,
    async () => {
      const r = seeded(SEED + 1);
      const { path, ids, server } = await setUp(31);
      // Reminders for every change but the first (whose own reminder the seed already used), due now.
      const reminded = ids.slice(1);
      const database = openDatabase(path);
      for (const changeId of reminded) {
        enqueue(database.db, {
          kind: JOB.remindApprovers,
          payload: { changeId, version: 1 },
          runAt: new Date(Date.now() - 1_000),
          dedupeKey: `${JOB.remindApprovers}:${changeId}:1`,
        });
      }
      database.close();
      const expected = reminded.length * CAB;
      const reminders = () =>
        fake!.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Reminder:'));
      let kills = 0;
      for (let kill = 0; kill < KILLS && reminders().length < expected; kill++) {
        kills++;
        const app = await startServer(server);
        // Killed while they go out: once this start has sent one, after a random moment more.
        const sentBefore = reminders().length;
        const giveUp = performance.now() + 10_000;
        while (reminders().length === sentBefore && performance.now() < giveUp) await sleep(2);
        await sleep(r.int(40));
        await app.kill();
        if (process.env.KILLS)
          process.stdout.write(`kill ${kill + 1}: ${reminders().length} of ${expected} reminders sent\n`);
      }
      const last = await startServer(server);
      await last.drain();
      await last.stop();

      const sent = reminders().map((c) => `${c.args.channel} ${c.args.text}`);
      const counts = new Map<string, number>();
      for (const key of sent) counts.set(key, (counts.get(key) ?? 0) + 1);
      // Every due reminder went out: none lost to a kill.
      expect(counts.size).toBe(expected);
      // Sent again only when its request had left when the process died, before the job's completion was
      // written: Slack has no idempotency key, so the queue is at-least-once. Each kill repeats at most what
      // one worker round had in flight (10 jobs); a clean run repeats nothing.
      const repeats = [...counts.values()].reduce((sum, n) => sum + n - 1, 0);
      expect(repeats).toBeLessThanOrEqual(kills * 10);
      if (process.env.KILLS)
        process.stdout.write(`${repeats} repeated sends of ${expected} reminders over ${kills} kills\n`);
    },
    TIMEOUT_MS,
  );
});
