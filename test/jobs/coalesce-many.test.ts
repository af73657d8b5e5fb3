import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { claimDue, enqueue, enqueueCoalesced } from '../../src/jobs/queue.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
afterEach(() => database.close());
const now = new Date('2026-03-02T09:00:00Z');

describe('enqueueCoalesced (issue 7)', () => {
  it('enqueues a fan-out in one statement, dropping the keys that already wait, freeing them once claimed', () => {
    database = createTestDatabase();
    enqueue(
      database.db,
      { kind: 'home', payload: { personId: 1 }, runAt: now, coalesceKey: 'home:1' },
      { now },
    );
    const items = [1, 2, 3].map((id) => ({ payload: { personId: id }, coalesceKey: `home:${id}` }));
    enqueueCoalesced(database.sqlite, 'home', items, now, now);
    enqueueCoalesced(database.sqlite, 'home', items, now, now);
    const claimed = claimDue(database.db, now, { leaseMs: 60_000, limit: 10 });
    expect(claimed.map((j) => j.payload)).toEqual([{ personId: 1 }, { personId: 2 }, { personId: 3 }]);
    // Claimed: the keys are free again, so the next burst enqueues a fresh run.
    enqueueCoalesced(database.sqlite, 'home', items.slice(0, 1), now, now);
    expect(claimDue(database.db, now, { leaseMs: 60_000, limit: 10 }).map((j) => j.payload)).toEqual([
      { personId: 1 },
    ]);
  });
});
