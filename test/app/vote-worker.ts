// A worker thread that opens its own connection to a shared database file and casts votes as fast as it can,
// after every thread is ready: the closest a test gets to many approvers clicking at the same instant.
import { parentPort, workerData } from 'node:worker_threads';
import { createAppContext, resolveActor } from '../../src/app/context.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { openDatabase } from '../../src/db/client.ts';
import type { Policy } from '../../src/domain/policy/types.ts';

interface Input {
  readonly file: string;
  readonly policy: Policy;
  readonly changeId: number;
  readonly voters: readonly string[];
  readonly barrier: SharedArrayBuffer;
  readonly threads: number;
  readonly now: number;
}

const input = workerData as Input;
const database = openDatabase(input.file);
const ctx = createAppContext({ database, policy: input.policy, clock: () => new Date(input.now) });
const gate = new Int32Array(input.barrier);
Atomics.add(gate, 0, 1);
Atomics.notify(gate, 0);
while (Atomics.load(gate, 0) < input.threads) Atomics.wait(gate, 0, Atomics.load(gate, 0), 50);

const codes: string[] = [];
for (const slackUserId of input.voters) {
  const actor = resolveActor(ctx, { platform: 'slack', slackUserId, name: slackUserId });
  const result = castVote(ctx, actor, {
    changeId: input.changeId,
    version: 1,
    decision: 'approve',
    reason: null,
  });
  codes.push(result.ok ? (result.value.decided ?? 'counted') : result.error.code);
}
database.close();
parentPort?.postMessage(codes);
