import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { formatWhen } from '../../src/app/describe.ts';
import type { Database } from '../../src/db/client.ts';
import { people } from '../../src/db/schema.ts';
import { createTestDatabase } from '../helpers/db.ts';

let database: Database;
afterEach(() => database.close());

describe('statements on a long-lived connection (issue 7)', () => {
  it('reuses the statement prepared for the same text, so query-builder calls do not pile up statements', () => {
    database = createTestDatabase();
    const sql = 'SELECT id, name FROM people WHERE id = ?';
    expect(database.sqlite.prepare(sql)).toBe(database.sqlite.prepare(sql));
    const prepared: string[] = [];
    const original = database.sqlite.prepare;
    database.sqlite.prepare = ((source: string) => {
      prepared.push(source);
      return original(source);
    }) as typeof original;
    for (let i = 0; i < 3; i++) database.db.select().from(people).where(eq(people.id, i)).all();
    // drizzle asks for a statement per call; every call got the same one back.
    expect(new Set(prepared).size).toBe(1);
  });

  it('hands a reused statement out in object mode even after drizzle switched it to raw arrays', () => {
    database = createTestDatabase();
    database.sqlite.prepare(`INSERT INTO people (name, created_at) VALUES ('Ana', 0)`).run();
    const sql = 'SELECT name FROM people';
    database.sqlite.prepare(sql).raw(true);
    expect(database.sqlite.prepare(sql).get()).toEqual({ name: 'Ana' });
  });

  it('formats dates the same with one cached formatter per time zone', () => {
    const at = new Date('2026-03-02T09:00:00Z');
    expect(formatWhen(at, 'Europe/Berlin')).toBe(formatWhen(at, 'Europe/Berlin'));
    expect(formatWhen(at, 'UTC')).toContain('09:00');
    expect(formatWhen(at, 'Europe/Berlin')).toContain('10:00');
  });
});
