import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/context.ts';
import { createJobHandlers } from '../../src/app/jobs/handlers.ts';
import { JOB } from '../../src/app/jobs/kinds.ts';
import { outbox } from '../../src/app/jobs/outbox.ts';
import type { ChatSurface } from '../../src/app/ports.ts';
import { approversYetToVote, pageAwaitingMyVote, pageMyOpenChanges } from '../../src/app/queries.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { syncPolicyPeople } from '../../src/app/use-cases/sync-policy-people.ts';
import type { PersonRecord } from '../../src/domain/change/change.ts';
import { COUNT_CAP } from '../../src/domain/views/list-page.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import { silentLogger } from '../../src/log.ts';
import { makeDraft } from '../domain/fixtures.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { type AppHarness, createAppHarness } from './harness.ts';

/** A CRM change scoring medium risk: two approvals needed, so one vote leaves it open. */
const mediumDraft = () =>
  makeDraft({
    services: ['crm'],
    risk: {
      impact: 'degraded',
      complexity: 'moderate',
      tested: 'partially',
      backout: 'hard',
      failedBefore: false,
    },
    backoutPlan: 'Restore',
  });

let h: AppHarness;
let rita: Actor;
let alice: Actor;

const raise = (by: Actor = rita) => {
  const raised = raiseChange(h.ctx, by, { draft: mediumDraft() });
  if (!raised.ok) throw new Error(`raise failed: ${raised.error.code}`);
  return raised.value.change;
};

/** The plan SQLite chooses for a statement: a SCAN of changes would read every change, open or closed. */
const planOf = (sql: string) =>
  (h.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);

beforeEach(() => {
  h = createAppHarness({ policy: platformPolicy() });
  syncPolicyPeople(h.ctx);
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
});
afterEach(() => h.close());

describe('the lists behind App Home and list (issue 7)', () => {
  it('lists what awaits my vote: not my own, not what I voted on, again after an edit reopens it', () => {
    const first = raise();
    const second = raise();
    raise(alice); // Alice's own change never awaits her vote
    castVote(h.ctx, alice, { changeId: first.id, version: 1, decision: 'approve', reason: null });
    const page = pageAwaitingMyVote(h.ctx, alice.person);
    expect(page.items.map((c) => c.id)).toEqual([second.id]);
    expect(page.total).toBe(1);
    // A new version of the change she voted on awaits her vote again.
    h.database.sqlite.prepare('UPDATE changes SET version = 2 WHERE id = ?').run(first.id);
    expect(
      pageAwaitingMyVote(h.ctx, alice.person)
        .items.map((c) => c.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
  });

  it('pages a long list and counts the whole of it', () => {
    const ids = Array.from({ length: 7 }, () => raise().id);
    const page = pageAwaitingMyVote(h.ctx, alice.person, { offset: 3, limit: 3 });
    expect(page.items.map((c) => c.id)).toEqual(ids.slice(3, 6));
    expect(page.total).toBe(7);
    expect(pageMyOpenChanges(h.ctx, rita.person, { offset: 6, limit: 3 }).items.map((c) => c.id)).toEqual([
      ids[6],
    ]);
  });

  it('stops counting at the cap, so a count never reads the whole table', () => {
    const insert = h.database.sqlite.prepare(
      `INSERT INTO changes (type, state, title, description, justification, services, planned_start, planned_end,
        risk_answers, risk_score, risk_level, implementation_plan, backout_plan, test_plan, board_id, requester_id,
        created_at, updated_at)
       VALUES ('normal', 'authorise', 't', 'd', 'j', '[]', ?, ?, '{}', 1, 'low', 'i', 'b', 't', 'cab', ?, 0, 0)`,
    );
    h.database.sqlite.transaction(() => {
      for (let i = 0; i < COUNT_CAP + 5; i++) insert.run(i, i + 1, rita.person.id);
    })();
    const page = pageAwaitingMyVote(h.ctx, alice.person, { offset: 0, limit: 10 });
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(COUNT_CAP);
    // Counted from the page asked for: far down the list the count still sees the items after it.
    const deep = pageAwaitingMyVote(h.ctx, alice.person, { offset: 990, limit: 10 });
    expect(deep.items).toHaveLength(10);
    expect(deep.total).toBe(COUNT_CAP + 5);
  });

  it('reads the lists through indexes, never by scanning every change', () => {
    const awaiting = planOf(
      `SELECT * FROM changes WHERE state = 'authorise' AND board_id IN (SELECT value FROM json_each('["cab"]'))
       AND requester_id <> 1 AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.change_id = changes.id
       AND v.person_id = 1 AND v.version = changes.version) ORDER BY planned_start, id LIMIT 10`,
    );
    expect(awaiting.join('\n')).toContain('changes_state_board_start_idx');
    expect(awaiting.some((d) => /^SCAN changes\b/.test(d))).toBe(false);
    const mine = planOf(
      `SELECT * FROM changes WHERE requester_id = 1 AND state IN (SELECT value FROM json_each('["new"]'))
       ORDER BY planned_start LIMIT 10`,
    );
    expect(mine.some((d) => /^SCAN changes\b/.test(d))).toBe(false);
    const byEmail = planOf(`SELECT * FROM people WHERE lower(email) = 'a@example.com'`);
    expect(byEmail.join('\n')).toContain('people_email_lower_idx');
  });

  it('finds the approvers yet to vote with one read of people, whichever identity the policy names', () => {
    const change = raise();
    castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    const names = approversYetToVote(h.ctx, h.ctx.repos.changes.get(change.id)!).map((p) => p.name);
    expect(names.sort()).toEqual(['Bob', 'Carol', 'Dave']);
  });
});

describe('App Home refreshes (issue 7)', () => {
  it('leaves one pending App Home refresh per person after a burst of refresh requests', () => {
    const jobs = outbox(h.ctx, h.clock.now());
    for (let i = 0; i < 5; i++) {
      jobs.refreshHome(alice.person.id);
      jobs.refreshHome(rita.person.id);
    }
    const pending = h.database.sqlite
      .prepare(`SELECT payload FROM jobs WHERE kind = ? AND status = 'pending'`)
      .all(JOB.refreshHome) as { payload: string }[];
    expect(pending.map((p) => JSON.parse(p.payload).personId).sort()).toEqual(
      [alice.person.id, rita.person.id].sort(),
    );
  });

  it('publishes each involved App Home once after a burst of votes, from the latest state', async () => {
    const published: string[] = [];
    const surface: ChatSurface = {
      platform: 'slack',
      channelsOf: () => [],
      canReach: (p) => p.slackUserId !== null,
      postCard: async () => ({ channel: 'C', messageId: '1' }),
      sendCardToPerson: async () => ({ channel: 'D', messageId: '2' }),
      updateCard: async () => {},
      replyInThread: async () => {},
      notifyPerson: async () => {},
      changesMoved: async (people: readonly PersonRecord[]) => {
        published.push(...people.map((p) => p.name));
      },
    };
    const handlers = createJobHandlers(h.ctx, [surface], silentLogger);
    const worker = createWorker({ database: h.database, handlers, clock: h.clock.now, log: silentLogger });
    const changes = [raise(), raise(), raise()];
    await worker.drain();
    published.length = 0;
    // Three votes land before the worker runs: three card refreshes, one App Home publish per person.
    for (const change of changes)
      castVote(h.ctx, alice, { changeId: change.id, version: 1, decision: 'approve', reason: null });
    await worker.drain();
    await worker.stop();
    const counts = new Map<string, number>();
    for (const name of published) counts.set(name, (counts.get(name) ?? 0) + 1);
    expect(counts.get('Rita')).toBe(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect([...counts.keys()].sort()).toEqual(['Bob', 'Carol', 'Dave', 'Rita']);
  });
});
