import { and, eq } from 'drizzle-orm';
import type { VersionSnapshot } from '../domain/approval/edit-diff.ts';
import type { Database } from './client.ts';
import { changeVersions } from './schema.ts';

type StoredSnapshot = Omit<VersionSnapshot, 'plannedStart' | 'plannedEnd'> & {
  plannedStart: number;
  plannedEnd: number;
};

/** Earlier versions of changes, one row each; a version is saved once (the first save wins). */
export function createChangeVersionsRepository(database: Database) {
  const { db } = database;
  return {
    save(changeId: number, snapshot: VersionSnapshot, at: Date): void {
      const stored: StoredSnapshot = {
        ...snapshot,
        plannedStart: snapshot.plannedStart.getTime(),
        plannedEnd: snapshot.plannedEnd.getTime(),
      };
      db.insert(changeVersions)
        .values({ changeId, version: snapshot.version, snapshot: stored, createdAt: at })
        .onConflictDoNothing()
        .run();
    },
    get(changeId: number, version: number): VersionSnapshot | null {
      const row = db
        .select({ snapshot: changeVersions.snapshot })
        .from(changeVersions)
        .where(and(eq(changeVersions.changeId, changeId), eq(changeVersions.version, version)))
        .get();
      if (!row) return null;
      const s = row.snapshot as StoredSnapshot;
      return { ...s, plannedStart: new Date(s.plannedStart), plannedEnd: new Date(s.plannedEnd) };
    },
  };
}

export type ChangeVersionsRepository = ReturnType<typeof createChangeVersionsRepository>;
