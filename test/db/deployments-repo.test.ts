import { afterAll, describe, expect, it } from 'vitest';
import { COVERING_SQL } from '../../src/db/deployments-repo.ts';
import { createTestDatabase } from '../helpers/db.ts';

const database = createTestDatabase();
afterAll(() => database.close());

describe('the covering-change lookup', () => {
  it('reads changes through an index on the window, never the whole table', () => {
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${COVERING_SQL}`)
      .all({ now: 0, service: 'web' }) as { detail: string }[];
    const changesStep = plan.map((p) => p.detail).find((d) => /\bchanges\b/.test(d)) ?? '';
    expect(changesStep).toMatch(/^SEARCH changes USING INDEX/);
    expect(COVERING_SQL).toMatch(/LIMIT \d+/);
  });
});
