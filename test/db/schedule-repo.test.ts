import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { countTouchingQuery, createScheduleRepository, touchingQuery } from '../../src/db/schedule-repo.ts';
import { changes, people } from '../../src/db/schema.ts';
import { createTestDatabase } from '../helpers/db.ts';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const HOLDING = ['new', 'assess', 'authorise', 'scheduled', 'implement'] as const;

let database: Database;
beforeEach(() => {
  database = createTestDatabase();
});
afterEach(() => {
  database.close();
});

/** A thousand open changes spread over 1,000 hours on ten services, each indexed the way the use cases do it. */
function seed(): void {
  const repo = createScheduleRepository(database);
  const person = database.db
    .insert(people)
    .values({ name: 'Rita', createdAt: new Date(T0) })
    .returning()
    .get();
  database.sqlite.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      const service = `svc${i % 10}`;
      const start = new Date(T0 + i * HOUR);
      const end = new Date(start.getTime() + 2 * HOUR);
      const row = database.db
        .insert(changes)
        .values({
          type: 'normal',
          state: i % 7 === 0 ? 'cancelled' : 'authorise',
          title: `Change ${i}`,
          description: '',
          justification: '',
          services: [service],
          plannedStart: start,
          plannedEnd: end,
          riskAnswers: {},
          riskScore: 0,
          riskLevel: 'low',
          implementationPlan: '',
          backoutPlan: '',
          testPlan: '',
          requesterId: person.id,
          createdAt: new Date(T0),
          updatedAt: new Date(T0),
        })
        .returning({ id: changes.id })
        .get();
      repo.replaceChangeWindows(row.id, [service], { start, end });
    }
  })();
}

describe('the schedule repository', () => {
  it('finds exactly the holding changes overlapping a window on a service, among a thousand', () => {
    seed();
    const repo = createScheduleRepository(database);
    // svc3 has changes starting at hours 3, 13, 23…; a window 12:00–24:00 overlaps those of hours 13 and 23.
    const found = repo.changesTouching(
      ['svc3'],
      { start: new Date(T0 + 12 * HOUR), end: new Date(T0 + 24 * HOUR) },
      HOLDING,
    );
    expect(found.map((c) => c.title)).toEqual(['Change 13', 'Change 23']);
    // Hour 14 is cancelled (14 % 7 = 0) and never conflicts; touching ends (the one ending at 14:00) do not overlap.
    const svc4 = repo.changesTouching(
      ['svc4'],
      { start: new Date(T0 + 16 * HOUR), end: new Date(T0 + 20 * HOUR) },
      HOLDING,
    );
    expect(svc4).toEqual([]);
  });

  it('looks windows up by the (service, planned_start) index, never by scanning the changes', () => {
    const query = touchingQuery(database).toSQL();
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all('svc1', 0, 1, 0)
      .map((r) => (r as { detail: string }).detail);
    expect(plan.some((d) => d.includes('USING INDEX change_windows_service_start_idx'))).toBe(true);
    expect(plan.some((d) => /SCAN (changes|change_windows)\b/.test(d))).toBe(false);
  });

  it('names the first overlapping changes and counts them all, leaving the change itself out', () => {
    seed();
    const repo = createScheduleRepository(database);
    const window = { start: new Date(T0 + 12 * HOUR), end: new Date(T0 + 24 * HOUR) };
    const one = repo.firstChangesTouching(['svc3'], window, HOLDING, { excluding: 0, limit: 1 });
    expect(one.first.map((c) => c.title)).toEqual(['Change 13']);
    expect(one.count).toBe(2);
    const withoutSelf = repo.firstChangesTouching(['svc3'], window, HOLDING, {
      excluding: one.first[0]!.id,
      limit: 5,
    });
    expect(withoutSelf.first.map((c) => c.title)).toEqual(['Change 23']);
    expect(withoutSelf.count).toBe(1);
    // Several services: one count, each change once.
    const both = repo.firstChangesTouching(['svc3', 'svc3', 'svc4'], window, HOLDING, {
      excluding: 0,
      limit: 10,
    });
    expect(both.count).toBe(both.first.length);
    expect(new Set(both.first.map((c) => c.id)).size).toBe(both.first.length);
  });

  it('counts overlaps on the (service, planned_start) index too, never by scanning the changes', () => {
    const query = countTouchingQuery(database).toSQL();
    const plan = database.sqlite
      .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .all('["svc1"]', 0, 1, 0, 0, '["scheduled"]')
      .map((r) => (r as { detail: string }).detail);
    expect(plan.some((d) => d.includes('USING INDEX change_windows_service_start_idx'))).toBe(true);
    expect(plan.some((d) => /SCAN (changes|change_windows)\b/.test(d))).toBe(false);
  });

  it('reads the calendar range on the planned-start index, with a limit', () => {
    seed();
    const repo = createScheduleRepository(database);
    const rows = repo.changesBetween({ start: new Date(T0 + 100 * HOUR), end: new Date(T0 + 110 * HOUR) }, 5);
    expect(rows.map((r) => r.title)).toEqual([
      'Change 99',
      'Change 100',
      'Change 101',
      'Change 102',
      'Change 103',
    ]);
  });

  it('lists the open changes missing from the window index, so start-up can add them once', () => {
    seed();
    const repo = createScheduleRepository(database);
    expect(repo.changesWithoutWindows(HOLDING)).toEqual([]);
    database.sqlite.prepare('DELETE FROM change_windows WHERE change_id IN (2, 3)').run();
    expect(repo.changesWithoutWindows(HOLDING).map((c) => c.id)).toEqual([2, 3]);
  });
});
