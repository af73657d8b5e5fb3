import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import {
  claimDue,
  complete,
  enqueue,
  enqueueCoalesced,
  pullCoalescedForward,
  waitingCoalesced,
} from '../../src/jobs/queue.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
const now = new Date('2026-03-02T09:00:00Z');
const refresh = () =>
  enqueue(
    database.db,
    { kind: 'card.refresh', payload: { changeId: 7 }, runAt: now, coalesceKey: 'card.refresh:7' },
    { now },
  );

beforeEach(() => {
  database = createTestDatabase();
});
afterEach(() => database.close());

describe('coalescing jobs', () => {
  it('keeps one waiting job for a burst of enqueues', () => {
    const first = refresh();
    expect(refresh()).toEqual({ id: first.id, deduped: true });
    expect(refresh()).toEqual({ id: first.id, deduped: true });
    expect(claimDue(database.db, now, { leaseMs: 60_000, limit: 10 })).toHaveLength(1);
  });

  it('accepts a new job once the waiting one has been claimed, so a later change is not lost', () => {
    const first = refresh();
    const [claimed] = claimDue(database.db, now, { leaseMs: 60_000, limit: 10 });
    expect(claimed?.id).toBe(first.id);
    const second = refresh();
    expect(second.deduped).toBe(false);
    complete(database.db, first.id, { attempt: 1, now });
    expect(claimDue(database.db, now, { leaseMs: 60_000, limit: 10 }).map((j) => j.id)).toEqual([second.id]);
  });

  it('refuses a job with both a dedupe key and a coalesce key', () => {
    expect(() =>
      enqueue(database.db, { kind: 'x', payload: null, runAt: now, dedupeKey: 'a', coalesceKey: 'b' }),
    ).toThrow(/not both/);
  });

  it('tells in one read which keys have a job waiting, and only while it waits unclaimed', () => {
    refresh();
    const home = (personId: number, at = now) => ({
      payload: { personId },
      coalesceKey: `home.refresh:${personId}`,
      runAt: at,
    });
    enqueueCoalesced(database.sqlite, 'home.refresh', [home(1), home(2)], now, now);
    expect(waitingCoalesced(database.sqlite, ['card.refresh:7', 'home.refresh:1', 'home.refresh:3'])).toEqual(
      new Set(['card.refresh:7', 'home.refresh:1']),
    );
    claimDue(database.db, now, { leaseMs: 60_000, limit: 10 });
    expect(waitingCoalesced(database.sqlite, ['card.refresh:7', 'home.refresh:1'])).toEqual(new Set());
    expect(waitingCoalesced(database.sqlite, [])).toEqual(new Set());
  });

  it('gives each item of a fan-out its own run-at, and brings a waiting one forward on demand', () => {
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    enqueueCoalesced(
      database.sqlite,
      'home.refresh',
      [
        { payload: { personId: 1 }, coalesceKey: 'home.refresh:1', runAt: later(0) },
        { payload: { personId: 2 }, coalesceKey: 'home.refresh:2', runAt: later(30) },
        { payload: { personId: 3 }, coalesceKey: 'home.refresh:3' },
      ],
      later(5),
      now,
    );
    const runAt = () =>
      (
        database.sqlite.prepare('SELECT payload, run_at AS r FROM jobs ORDER BY id').all() as {
          payload: string;
          r: number;
        }[]
      ).map((j) => [JSON.parse(j.payload).personId, (j.r - now.getTime()) / 1000]);
    expect(runAt()).toEqual([
      [1, 0],
      [2, 30],
      [3, 5],
    ]);
    // Person 2 opens their Home: their waiting refresh comes forward; one due sooner is left alone.
    pullCoalescedForward(database.db, 'home.refresh:2', later(1), now);
    pullCoalescedForward(database.db, 'home.refresh:1', later(1), now);
    expect(runAt()).toEqual([
      [1, 0],
      [2, 1],
      [3, 5],
    ]);
  });
});
