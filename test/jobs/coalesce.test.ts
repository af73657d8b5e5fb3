import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { claimDue, complete, enqueue } from '../../src/jobs/queue.ts';
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
});
