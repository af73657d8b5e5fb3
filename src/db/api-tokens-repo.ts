import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from './client.ts';
import { apiIdempotency, apiTokens } from './schema.ts';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

export interface StoredResponse {
  readonly fingerprint: string;
  readonly status: number;
  readonly body: string;
}

/** A stored answer and when it was given (ms since the epoch). */
export interface StoredAnswer extends StoredResponse {
  readonly createdAt: number;
}

/** API tokens (hashed) and the stored answers to idempotent requests. */
export function createApiTokensRepository(database: Database) {
  const { db } = database;
  const byPublicId = db
    .select()
    .from(apiTokens)
    .where(eq(apiTokens.publicId, sql.placeholder('publicId')))
    .prepare();
  const storedStmt = database.sqlite.prepare<[number, string], StoredAnswer>(
    'SELECT fingerprint, status, body, created_at AS createdAt FROM api_idempotency WHERE token_id = ? AND key = ?',
  );

  return {
    insert(values: typeof apiTokens.$inferInsert): ApiTokenRow {
      return db.insert(apiTokens).values(values).returning().get();
    },
    findByPublicId(publicId: string): ApiTokenRow | null {
      return byPublicId.get({ publicId }) ?? null;
    },
    list(): ApiTokenRow[] {
      return db.select().from(apiTokens).orderBy(asc(apiTokens.id)).all();
    },
    /** Revokes every live token of that name; returns how many. */
    revokeByName(name: string, at: Date): number {
      return db
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
        .run().changes;
    },
    liveByName(name: string): ApiTokenRow[] {
      return db
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.name, name), isNull(apiTokens.revokedAt)))
        .all();
    },
    storedResponse(tokenId: number, key: string): StoredAnswer | null {
      return storedStmt.get(tokenId, key) ?? null;
    },
    /** Stores the answer to a key, replacing one that has expired (see `JsonOperation.replayForMs`). */
    storeResponse(tokenId: number, key: string, response: StoredResponse, at: Date): void {
      db.insert(apiIdempotency)
        .values({ tokenId, key, ...response, createdAt: at })
        .onConflictDoUpdate({
          target: [apiIdempotency.tokenId, apiIdempotency.key],
          set: { ...response, createdAt: at },
        })
        .run();
    },
  };
}
