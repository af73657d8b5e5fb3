import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DrizzleSQLiteSnapshotJSON,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from 'drizzle-kit/api';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, MIGRATIONS_FOLDER } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';
import { createTestDatabase } from '../helpers/db.ts';

interface SnapshotTable {
  columns: Record<string, { name: string; notNull: boolean }>;
}

interface Journal {
  entries: { idx: number; tag: string }[];
}

function latestSnapshot(): DrizzleSQLiteSnapshotJSON {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as Journal;
  const last = journal.entries.at(-1);
  if (last === undefined) throw new Error('no migrations in the journal');
  const file = join(MIGRATIONS_FOLDER, `meta/${String(last.idx).padStart(4, '0')}_snapshot.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as DrizzleSQLiteSnapshotJSON;
}

/** What `drizzle-kit generate` would write for `imports` on top of the committed migrations. */
async function pendingStatements(
  imports: Record<string, unknown>,
  snapshot = latestSnapshot(),
): Promise<string[]> {
  const current = await generateSQLiteDrizzleJson(imports);
  return generateSQLiteMigration(snapshot, current);
}

describe('migrations', () => {
  let database: Database | undefined;
  afterEach(() => database?.close());

  it('creates every table of the schema, the append-only and the schedule-count triggers on a fresh database', () => {
    database = createTestDatabase();
    const objects = database.sqlite
      .prepare("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
      .all() as { type: string; name: string }[];
    const tables = objects.filter((o) => o.type === 'table').map((o) => o.name);
    const triggers = objects.filter((o) => o.type === 'trigger').map((o) => o.name);

    for (const table of Object.keys(latestSnapshot().tables)) expect(tables).toContain(table);
    expect(triggers.sort()).toEqual([
      'audit_events_no_delete',
      'audit_events_no_update',
      ...['change', 'release', 'window'].flatMap((on) =>
        ['delete', 'insert', 'update'].map((what) => `schedule_generation_${on}_${what}`),
      ),
    ]);
    // The count starts at one row, bumped in place.
    expect(database.sqlite.prepare('SELECT id, value FROM schedule_generation').all()).toEqual([
      { id: 1, value: 0 },
    ]);
  });

  it('builds the columns the latest snapshot records, so the SQL files and the snapshots agree', () => {
    database = createTestDatabase();
    const tables = latestSnapshot().tables as Record<string, SnapshotTable>;
    for (const [name, table] of Object.entries(tables)) {
      const columns = database.sqlite.prepare(`PRAGMA table_info(\`${name}\`)`).all() as {
        name: string;
        notnull: number;
        pk: number;
      }[];
      const actual = columns
        .map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk === 1 }))
        .sort(byName);
      const expected = Object.values(table.columns)
        .map((c) => ({ name: c.name, notNull: c.notNull }))
        .sort(byName);
      expect(actual, name).toEqual(expected);
    }
  });

  it('has an SQL file for every journal entry and nothing else', () => {
    const journal = JSON.parse(
      readFileSync(join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8'),
    ) as Journal;
    const files = readdirSync(MIGRATIONS_FOLDER).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(journal.entries.map((e) => `${e.tag}.sql`).sort());
  });

  it('has nothing left to generate: the schema in code matches the committed migrations', async () => {
    expect(await pendingStatements(schema)).toEqual([]);
  });

  it('would notice a column added to the schema without a migration', async () => {
    // The same situation seen from the other side: the committed snapshot lacks a column the code has.
    const snapshot = structuredClone(latestSnapshot());
    const people = snapshot.tables.people;
    if (people === undefined) throw new Error('people table missing from the snapshot');
    delete people.columns.timezone;

    const statements = await pendingStatements(schema, snapshot);
    expect(statements).toEqual(['ALTER TABLE `people` ADD `timezone` text;']);
  });
});

function byName(a: { name: string }, b: { name: string }): number {
  return a.name.localeCompare(b.name);
}
