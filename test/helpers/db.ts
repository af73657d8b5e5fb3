import { type Database, openDatabase } from '../../src/db/client.ts';

/** A private, fully migrated in-memory database; close it in afterEach. */
export function createTestDatabase(): Database {
  return openDatabase(':memory:');
}
