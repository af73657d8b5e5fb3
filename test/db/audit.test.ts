import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuditInput,
  appendAudit,
  GENESIS_HASH,
  listAudit,
  verifyAuditChain,
} from '../../src/db/audit.ts';
import type { Database } from '../../src/db/client.ts';
import { auditEvents } from '../../src/db/schema.ts';
import { createTestDatabase } from '../helpers/db.ts';

const T0 = new Date('2026-03-02T09:00:00.000Z');

function event(n: number, overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: new Date(T0.getTime() + n * 1000),
    changeId: 1 + (n % 2),
    actorId: 7,
    actorName: 'Ada Lovelace',
    platform: 'slack',
    action: 'vote.approve',
    version: 1,
    reason: null,
    data: { n, votes: { approve: n, reject: 0 } },
    ...overrides,
  };
}

describe('audit trail', () => {
  let database: Database;
  beforeEach(() => {
    database = createTestDatabase();
  });
  afterEach(() => database.close());

  const appendMany = (count: number) => {
    database.db.transaction((tx) => {
      for (let n = 1; n <= count; n++) appendAudit(tx, event(n));
    });
  };

  it('verifies an intact chain whose first link starts from 64 zeros', () => {
    appendMany(5);
    const rows = database.db.select().from(auditEvents).all();

    expect(verifyAuditChain(database.db)).toEqual({ ok: true, count: 5, lastHash: rows[4]?.hash });
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
  });

  it('hashes the previous hash and the canonical JSON of the row without seq and hash', () => {
    const record = appendAudit(database.db, {
      at: T0,
      changeId: 42,
      actorId: 3,
      actorName: 'Grace',
      platform: 'teams',
      action: 'change.submit',
      version: 2,
      reason: 'needed',
      data: { z: 1, a: { y: true, b: null } },
    });

    // Written out by hand so an external verifier can be built from this test alone.
    const content =
      '{"action":"change.submit","actorId":3,"actorName":"Grace","at":1772442000000,"changeId":42,' +
      '"data":"{\\"a\\":{\\"b\\":null,\\"y\\":true},\\"z\\":1}","platform":"teams",' +
      `"prevHash":"${GENESIS_HASH}","reason":"needed","version":2}`;
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n${content}`).digest('hex');
    expect(record.hash).toBe(expected);
    expect(record).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, data: { z: 1, a: { y: true, b: null } } });
  });

  it('verifies an empty trail', () => {
    expect(verifyAuditChain(database.db)).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
  });

  it('refuses an UPDATE of an audit event in the database itself', () => {
    appendMany(2);
    expect(() =>
      database.sqlite.prepare("UPDATE audit_events SET reason = 'edited' WHERE seq = 1").run(),
    ).toThrow('audit_events is append-only');
    expect(database.db.select().from(auditEvents).all()[0]?.reason).toBeNull();
  });

  it('refuses a DELETE of an audit event in the database itself', () => {
    appendMany(2);
    expect(() => database.sqlite.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(
      'audit_events is append-only',
    );
    expect(database.db.select().from(auditEvents).all()).toHaveLength(2);
  });

  it('refuses an INSERT OR REPLACE over an audit event too', () => {
    appendMany(2);
    expect(() =>
      database.sqlite
        .prepare(
          "INSERT OR REPLACE INTO audit_events (seq, at, actor_name, platform, action, data, prev_hash, hash) SELECT seq, at, 'Mallory', platform, action, data, prev_hash, hash FROM audit_events WHERE seq = 2",
        )
        .run(),
    ).toThrow('audit_events is append-only');
    expect(database.db.select().from(auditEvents).all()[1]?.actorName).toBe('Ada Lovelace');
  });

  it('keeps verifying an event whose text held a lone surrogate (stored as U+FFFD)', () => {
    appendAudit(database.db, event(1, { reason: 'Too risky \ud83d', actorName: 'Ada \udc00' }));
    appendAudit(database.db, event(2));
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 2 });
    expect(listAudit(database.db, 2)[0]?.reason).toBe('Too risky \ufffd');
  });

  it('reports the seq of a row altered behind the code’s back', () => {
    appendMany(5);
    database.sqlite.exec('DROP TRIGGER audit_events_no_update');
    database.sqlite.prepare('UPDATE audit_events SET actor_name = ? WHERE seq = 3').run('Mallory');

    expect(verifyAuditChain(database.db)).toEqual({
      ok: false,
      brokenAt: 3,
      reason: 'hash does not match the event content',
    });
  });

  it('reports the next row when an altered row had its own hash recomputed', () => {
    appendMany(5);
    database.sqlite.exec('DROP TRIGGER audit_events_no_update');
    // A careful forger fixes the altered row's hash, but the next row still points at the old one.
    database.sqlite.prepare("UPDATE audit_events SET data = '{}' WHERE seq = 3").run();
    const row = database.db.select().from(auditEvents).all()[2]!;
    const content = JSON.stringify({
      action: row.action,
      actorId: row.actorId,
      actorName: row.actorName,
      at: row.at.getTime(),
      changeId: row.changeId,
      data: row.data,
      platform: row.platform,
      prevHash: row.prevHash,
      reason: row.reason,
      version: row.version,
    });
    const forgedHash = createHash('sha256').update(`${row.prevHash}\n${content}`).digest('hex');
    database.sqlite.prepare('UPDATE audit_events SET hash = ? WHERE seq = 3').run(forgedHash);

    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('reports the row after a deleted middle row', () => {
    appendMany(5);
    database.sqlite.exec('DROP TRIGGER audit_events_no_delete');
    database.sqlite.prepare('DELETE FROM audit_events WHERE seq = 3').run();

    expect(verifyAuditChain(database.db)).toEqual({
      ok: false,
      brokenAt: 4,
      reason: 'prev_hash does not match the hash of the previous event',
    });
  });

  it('reports a forged row inserted with a made-up hash', () => {
    appendMany(3);
    const last = database.db.select().from(auditEvents).all()[2]!;
    database.sqlite
      .prepare(
        `INSERT INTO audit_events (at, change_id, actor_id, actor_name, platform, action, version, reason, data,
           prev_hash, hash) VALUES (?, 1, 9, 'Mallory', 'slack', 'vote.approve', 1, NULL, '{}', ?, ?)`,
      )
      .run(T0.getTime(), last.hash, last.hash);
    appendAudit(database.db, event(4));

    expect(verifyAuditChain(database.db)).toEqual({
      ok: false,
      brokenAt: 4,
      reason: 'hash does not match the event content',
    });
  });

  it('reports a forged row that links to an older event than the last one', () => {
    appendMany(3);
    const first = database.db.select().from(auditEvents).all()[0]!;
    database.sqlite
      .prepare(
        `INSERT INTO audit_events (at, change_id, actor_id, actor_name, platform, action, version, reason, data,
           prev_hash, hash) VALUES (?, 1, 9, 'Mallory', 'slack', 'vote.approve', 1, NULL, '{}', ?, ?)`,
      )
      .run(T0.getTime(), first.hash, 'f'.repeat(64));

    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('finds a broken link beyond the first page of events', () => {
    database.db.transaction((tx) => {
      for (let n = 1; n <= 2500; n++) appendAudit(tx, event(n));
    });
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 2500 });

    database.sqlite.exec('DROP TRIGGER audit_events_no_update');
    database.sqlite.prepare("UPDATE audit_events SET reason = 'edited' WHERE seq = 1700").run();
    expect(verifyAuditChain(database.db)).toMatchObject({ ok: false, brokenAt: 1700 });
  });

  it('keeps no event from a transaction that rolled back, and the chain stays whole', () => {
    appendAudit(database.db, event(1));
    expect(() =>
      database.db.transaction((tx) => {
        appendAudit(tx, event(2));
        throw new Error('use case failed after the audit append');
      }),
    ).toThrow('use case failed');
    appendAudit(database.db, event(3));

    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 2 });
  });

  it('joins the caller’s transaction when handed the database object instead of the transaction', () => {
    expect(() =>
      database.db.transaction(() => {
        appendAudit(database.db, event(1));
        throw new Error('use case failed');
      }),
    ).toThrow('use case failed');
    database.db.transaction(() => {
      appendAudit(database.db, event(2));
      appendAudit(database.db, event(3));
    });

    expect(verifyAuditChain(database.db)).toMatchObject({ ok: true, count: 2 });
  });

  it('lists the events of one change, oldest first, with their data', () => {
    appendMany(5);
    const events = listAudit(database.db, 2);

    expect(events.map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(events[1]).toMatchObject({
      changeId: 2,
      actorName: 'Ada Lovelace',
      at: new Date(T0.getTime() + 3000),
      data: { n: 3, votes: { approve: 3, reject: 0 } },
    });
  });
});
