import type BetterSqlite3 from 'better-sqlite3';

/** Distinct SQL texts kept per connection; past this a text is prepared afresh each time (the old way). */
export const MAX_REUSED_STATEMENTS = 2_000;

/**
 * Makes `prepare(sql)` on this connection return the statement already prepared for the same text.
 *
 * Why (issue 7, measured here): better-sqlite3 13 never frees a statement that was garbage-collected; it
 * lives until the connection closes (≈ 26 KB each). drizzle's query builder prepares on every execution,
 * so every builder query on the long-lived connection leaked, ≈ 2.8 MB per vote with its card and App Home
 * refreshes: a gigabyte of resident memory after a few thousand votes. Reusing by text bounds that by the
 * number of distinct queries and also saves the preparing itself (PLATFORM-NOTES: 2–13× per query).
 *
 * A reused statement is handed out in its default mode (objects, not `raw()` arrays), as a fresh one would
 * be; drizzle switches `raw()` on itself where it wants arrays. Statements run synchronously to completion,
 * so sharing one between callers is safe (none of this code iterates a statement lazily).
 */
export function reuseStatements(sqlite: BetterSqlite3.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const statements = new Map<string, BetterSqlite3.Statement>();
  const reuse = (source: string): BetterSqlite3.Statement => {
    const known = statements.get(source);
    if (known !== undefined) {
      if (known.reader) known.raw(false);
      return known;
    }
    const statement = prepare(source);
    if (statements.size < MAX_REUSED_STATEMENTS) statements.set(source, statement);
    return statement;
  };
  sqlite.prepare = reuse as typeof sqlite.prepare;
}
