import { type SQLWrapper, sql } from 'drizzle-orm';

/**
 * `column IN (the JSON array bound as :name)`. SQL IN lists cannot be bound as one parameter; a JSON array through
 * json_each can, so a statement is prepared once whatever the number of values (PLATFORM-NOTES: drizzle's builder
 * prepares on every call). SQLite still looks each value up on the column's index.
 */
export const inJson = (column: SQLWrapper, name: string) =>
  sql`${column} IN (SELECT value FROM json_each(${sql.placeholder(name)}))`;
