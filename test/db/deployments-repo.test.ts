import { afterAll, describe, expect, it } from 'vitest';
import { createAppContext, resolveActor } from '../../src/app/context.ts';
import { COVERING_LIMIT, COVERING_SQL } from '../../src/db/deployments-repo.ts';
import { hoursAfter, makePolicy, NOW, SAFE_ANSWERS } from '../domain/fixtures.ts';
import { createTestDatabase } from '../helpers/db.ts';

const database = createTestDatabase();
afterAll(() => database.close());

describe('the covering-change lookup', () => {
  it('reads changes through an index on the window, never the whole table', () => {
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${COVERING_SQL}`)
      .all({ now: 0, service: 'web' }) as {
      detail: string;
    }[];
    const changesStep = plan.map((p) => p.detail).find((d) => /\bchanges\b/.test(d)) ?? '';
    expect(changesStep).toBe('SEARCH changes USING INDEX changes_state_end_idx (state=? AND planned_end>?)');
    expect(COVERING_SQL).toMatch(/LIMIT \d+/);
  });

  it('finds the changes covering one service now among a thousand open ones, and at most its limit', () => {
    const ctx = createAppContext({ database, policy: makePolicy(), clock: () => NOW });
    const requester = resolveActor(ctx, { platform: 'slack', slackUserId: 'UREQ', name: 'Rita' });
    const insert = (i: number, service: string, startHours: number, state = 'scheduled') =>
      ctx.repos.changes.insert({
        type: 'normal',
        state,
        title: `Change ${i}`,
        description: 'd',
        justification: 'j',
        services: [service],
        plannedStart: hoursAfter(NOW, startHours),
        plannedEnd: hoursAfter(NOW, startHours + 2),
        riskAnswers: SAFE_ANSWERS,
        riskScore: 0,
        riskLevel: 'low',
        implementationPlan: 'i',
        backoutPlan: '',
        testPlan: '',
        requesterId: requester.person.id,
        createdAt: NOW,
        updatedAt: NOW,
      });
    // A thousand open changes on other services or other windows, past and future.
    for (let i = 0; i < 1000; i++) insert(i, i % 2 ? 'crm' : 'web', (i % 200) - 100 + (i % 2 ? 0 : 500));
    const covering = insert(1000, 'web', -1);
    insert(1001, 'web', -1, 'rejected');
    const found = ctx.repos.deployments.coveringChanges('web', NOW);
    expect(found.map((c) => c.id)).toEqual([covering.id]);
    for (let i = 0; i < COVERING_LIMIT + 5; i++) insert(2000 + i, 'wiki', -1);
    expect(ctx.repos.deployments.coveringChanges('wiki', NOW)).toHaveLength(COVERING_LIMIT);
  });
});
