import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Database } from './client.ts';
import { evidenceFiles } from './schema.ts';

export interface StoredFile {
  readonly id: string;
  readonly filename: string;
  readonly bytes: Buffer;
  readonly sha256: string;
}

/** Evidence bundles behind download links: stored with an unguessable id, readable until they expire. */
export function createEvidenceFilesRepository(database: Database) {
  const { db } = database;
  return {
    save(
      file: { personId: number; filename: string; bytes: Uint8Array },
      now: Date,
      expiresAt: Date,
    ): StoredFile {
      const id = randomBytes(16).toString('hex');
      const bytes = Buffer.from(file.bytes);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      db.insert(evidenceFiles)
        .values({
          id,
          personId: file.personId,
          filename: file.filename,
          bytes,
          sha256,
          createdAt: now,
          expiresAt,
        })
        .run();
      return { id, filename: file.filename, bytes, sha256 };
    },
    /** The file while its link is valid; null when unknown or expired. */
    get(id: string, now: Date): StoredFile | null {
      const row = db
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.id, id), gt(evidenceFiles.expiresAt, now)))
        .get();
      return row ? { id: row.id, filename: row.filename, bytes: row.bytes, sha256: row.sha256 } : null;
    },
    delete(id: string): void {
      db.delete(evidenceFiles).where(eq(evidenceFiles.id, id)).run();
    },
  };
}
