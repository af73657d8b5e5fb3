import type { DbOrTx } from './client.ts';

/**
 * Prepared statements reused per connection. drizzle's query builder prepares on every execution (2–13× slower
 * on hot paths, PLATFORM-NOTES), so hot paths build a `.prepare()`d query once and reuse it.
 *
 * A drizzle transaction shares its database's session (the object that owns the better-sqlite3 connection), so
 * keying by session lets a statement prepared outside a transaction run inside one and vice versa: better-sqlite3
 * statements belong to the connection, and run in whatever transaction is open on it. drizzle's own migrator
 * reads `db.session` the same way; if a future version drops it we fall back to caching per object.
 */
const caches = new WeakMap<object, Map<string, unknown>>();

export function cachedStatement<T>(dbOrTx: DbOrTx, name: string, build: (dbOrTx: DbOrTx) => T): T {
  const key = (dbOrTx as unknown as { session?: object }).session ?? dbOrTx;
  let cache = caches.get(key);
  if (cache === undefined) {
    cache = new Map();
    caches.set(key, cache);
  }
  let statement = cache.get(name) as T | undefined;
  if (statement === undefined) {
    statement = build(dbOrTx);
    cache.set(name, statement);
  }
  return statement;
}
