import { and, eq } from 'drizzle-orm';
import type { Database } from './client.ts';
import { objectionWindows } from './schema.ts';

export type ObjectionWindowRow = typeof objectionWindows.$inferSelect;

/** Objection windows, one per change version. */
export function createObjectionWindowsRepository(database: Database) {
  const { db } = database;
  return {
    open(changeId: number, version: number, deadline: Date): void {
      db.insert(objectionWindows).values({ changeId, version, deadline }).onConflictDoNothing().run();
    },
    get(changeId: number, version: number): ObjectionWindowRow | null {
      return (
        db
          .select()
          .from(objectionWindows)
          .where(and(eq(objectionWindows.changeId, changeId), eq(objectionWindows.version, version)))
          .get() ?? null
      );
    },
    object(id: number, by: number, reason: string, at: Date): void {
      db.update(objectionWindows)
        .set({ objectedAt: at, objectedBy: by, reason })
        .where(eq(objectionWindows.id, id))
        .run();
    },
    approved(id: number, at: Date): void {
      db.update(objectionWindows).set({ approvedAt: at }).where(eq(objectionWindows.id, id)).run();
    },
  };
}
