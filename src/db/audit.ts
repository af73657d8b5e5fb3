import { createHash } from 'node:crypto';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { canonicalJson } from './canonical-json.ts';
import type { DbOrTx } from './client.ts';
import { auditEvents } from './schema.ts';
import { cachedStatement } from './statement-cache.ts';

export interface AuditInput {
  at: Date;
  changeId: number | null;
  actorId: number | null;
  actorName: string;
  platform: string;
  action: string;
  version: number | null;
  reason: string | null;
  data: Record<string, unknown>;
}

export interface AuditRecord extends AuditInput {
  seq: number;
  prevHash: string;
  hash: string;
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; brokenAt: number; reason: string };

/** The previous hash of the first event in the chain. */
export const GENESIS_HASH = '0'.repeat(64);

type AuditRow = typeof auditEvents.$inferSelect;

/** The hashed content: every column but `seq` and `hash`, with `at` in epoch ms and `data` as stored. */
function hashOf(row: Omit<AuditRow, 'seq' | 'hash'>): string {
  const content = canonicalJson({
    at: row.at.getTime(),
    changeId: row.changeId,
    actorId: row.actorId,
    actorName: row.actorName,
    platform: row.platform,
    action: row.action,
    version: row.version,
    reason: row.reason,
    data: row.data,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(`${row.prevHash}\n${content}`).digest('hex');
}

const lastHashQuery = (d: DbOrTx) =>
  cachedStatement(d, 'audit.lastHash', (x) =>
    x.select({ hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).prepare(),
  );

const insertQuery = (d: DbOrTx) =>
  cachedStatement(d, 'audit.insert', (x) =>
    x
      .insert(auditEvents)
      .values({
        at: sql.placeholder('at'),
        changeId: sql.placeholder('changeId'),
        actorId: sql.placeholder('actorId'),
        actorName: sql.placeholder('actorName'),
        platform: sql.placeholder('platform'),
        action: sql.placeholder('action'),
        version: sql.placeholder('version'),
        reason: sql.placeholder('reason'),
        data: sql.placeholder('data'),
        prevHash: sql.placeholder('prevHash'),
        hash: sql.placeholder('hash'),
      })
      .returning({ seq: auditEvents.seq })
      .prepare(),
  );

const pageQuery = (d: DbOrTx) =>
  cachedStatement(d, 'audit.page', (x) =>
    x
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, sql.placeholder('after')))
      .orderBy(asc(auditEvents.seq))
      .limit(sql.placeholder('limit'))
      .prepare(),
  );

/**
 * Appends one event to the hash-chained audit trail (evidence that every change was authorised, by whom, when
 * and why: SOX ITGC, SOC 2 CC8.1, ISO 27001 A.8.32). Call it inside the use case's transaction so the event
 * commits with the decision it records; the previous hash is read in that same transaction. Given a plain
 * database outside any transaction it opens an IMMEDIATE one itself, so the read and the insert cannot
 * interleave with a writer.
 */
/** Lone UTF-16 surrogates replaced by U+FFFD, as a UTF-8 round trip through SQLite replaces them. */
const wellFormed = (text: string): string =>
  text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

export function appendAudit(tx: DbOrTx, event: AuditInput): AuditRecord {
  // Inside a caller's transaction (drizzle's, or better-sqlite3's around a use case) the read and the insert
  // are already atomic: a savepoint of our own would only cost the vote path its statements and garbage.
  const inOuterTransaction =
    tx instanceof SQLiteTransaction ||
    (tx as { $client?: { inTransaction?: boolean } }).$client?.inTransaction === true;
  if (!inOuterTransaction) {
    return tx.transaction((inner) => appendAudit(inner, event), { behavior: 'immediate' });
  }
  if (Number.isNaN(event.at.getTime())) throw new RangeError('appendAudit: invalid date');

  const prevHash = lastHashQuery(tx).get()?.hash ?? GENESIS_HASH;
  // The hash covers the text as SQLite will return it: UTF-8 cannot hold a lone surrogate (it comes back as
  // U+FFFD), so user text is made well-formed first, or its event would never verify again.
  const row = {
    at: event.at,
    changeId: event.changeId,
    actorId: event.actorId,
    actorName: wellFormed(event.actorName),
    platform: event.platform,
    action: wellFormed(event.action),
    version: event.version,
    reason: event.reason === null ? null : wellFormed(event.reason),
    data: canonicalJson(event.data),
    prevHash,
  };
  const hash = hashOf(row);
  const inserted = insertQuery(tx).get({ ...row, hash });
  if (inserted === undefined) throw new Error('appendAudit: insert returned no row');
  // Return what was stored (a copy, normalised through JSON), exactly as listAudit would read it back.
  return { ...row, data: JSON.parse(row.data) as Record<string, unknown>, seq: inserted.seq, hash };
}

/**
 * Walks the whole trail in seq order and reports the FIRST broken link: a row whose content no longer matches
 * its hash (altered), or whose prev_hash is not the previous row's hash (a row deleted, inserted or reordered).
 * Truncation of the newest rows leaves a valid shorter chain: compare `lastHash` with a copy kept elsewhere.
 */
export function verifyAuditChain(db: DbOrTx): AuditVerification {
  const pageSize = 1000;
  let expectedPrev = GENESIS_HASH;
  let after = 0;
  let count = 0;
  for (;;) {
    const page = pageQuery(db).all({ after, limit: pageSize });
    for (const row of page) {
      if (row.prevHash !== expectedPrev) {
        return {
          ok: false,
          brokenAt: row.seq,
          reason: 'prev_hash does not match the hash of the previous event',
        };
      }
      if (hashOf(row) !== row.hash) {
        return { ok: false, brokenAt: row.seq, reason: 'hash does not match the event content' };
      }
      expectedPrev = row.hash;
      after = row.seq;
      count += 1;
    }
    if (page.length < pageSize) return { ok: true, count, lastHash: expectedPrev };
  }
}

/** The audit trail of one change, oldest first. */
export function listAudit(db: DbOrTx, changeId: number): AuditRecord[] {
  const rows = db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.changeId, changeId))
    .orderBy(asc(auditEvents.seq))
    .all();
  return rows.map((row) => ({ ...row, data: JSON.parse(row.data) as Record<string, unknown> }));
}
