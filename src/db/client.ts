import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';
import { reuseStatements } from './statement-reuse.ts';

export interface Database {
  sqlite: BetterSqlite3.Database;
  db: BetterSQLite3Database<typeof schema>;
  close(): void;
}

/** The drizzle transaction handed to `db.transaction((tx) => …)`; synchronous with better-sqlite3. */
export type Tx = Parameters<Parameters<BetterSQLite3Database<typeof schema>['transaction']>[0]>[0];

/** Use cases and repositories accept either, so they compose inside a caller's transaction. */
export type DbOrTx = BetterSQLite3Database<typeof schema> | Tx;

/** Resolved from this file, not the cwd, so `node src/main.ts` and vitest find it from anywhere. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/**
 * Opens (creating if needed) and migrates a SQLite database. `:memory:` gives a private in-memory database.
 * WAL + synchronous=NORMAL loses nothing on a process crash and is 5–6× faster than FULL (PLATFORM-NOTES);
 * busy_timeout lets a second connection wait for the write lock instead of failing at once.
 */
export function openDatabase(path: string): Database {
  const inMemory = path === ':memory:' || path === '';
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });

  const sqlite = new BetterSqlite3(path);
  reuseStatements(sqlite);
  try {
    if (!inMemory) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // INSERT OR REPLACE deletes the row it replaces without firing delete triggers unless this is on: with
    // it, the audit trail's append-only triggers refuse a REPLACE too.
    sqlite.pragma('recursive_triggers = ON');

    const db = drizzle({ client: sqlite, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      sqlite,
      db,
      close: () => {
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (err) {
    sqlite.close();
    throw err;
  }
}
