import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { strToU8, zipSync } from 'fflate';
import { verifyAuditChain } from '../../db/audit.ts';
import type { MetricsPeriod } from '../../domain/metrics/types.ts';
import type { AppContext } from '../context.ts';
import { collectEvidence, type EvidenceRow, type EvidenceTables } from './evidence-records.ts';

export type EvidenceFormat = 'csv' | 'json';

export interface ManifestFile {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly records: number;
}

export interface EvidenceManifest {
  readonly generatedAt: string;
  readonly period: { readonly from: string; readonly to: string };
  readonly format: EvidenceFormat;
  readonly changes: number;
  readonly auditChain:
    | { readonly verifies: true; readonly eventCount: number; readonly lastHash: string }
    | { readonly verifies: false; readonly brokenAt: number; readonly reason: string };
  readonly files: readonly ManifestFile[];
}

export interface EvidenceBundle {
  readonly zip: Uint8Array;
  readonly manifest: EvidenceManifest;
  /** The files inside the zip, by name (manifest.json included). */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

const ZIP_EARLIEST = Date.UTC(1980, 0, 2);
const ZIP_LATEST = Date.UTC(2099, 11, 30);

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function encode(
  rows: readonly EvidenceRow[],
  format: EvidenceFormat,
  columns: readonly string[],
): Uint8Array {
  if (format === 'json') return strToU8(`${JSON.stringify(rows, null, 2)}\n`);
  // escape_formulas: a title like =HYPERLINK(…) must reach an auditor's spreadsheet as text, not a formula.
  return strToU8(
    stringify(rows as EvidenceRow[], { header: true, columns: [...columns], escape_formulas: true }),
  );
}

/** Column order per table, so an empty table still has its header. */
const COLUMNS: Record<keyof EvidenceTables, readonly string[]> = {
  changes: [
    'change',
    'version',
    'type',
    'state',
    'title',
    'services',
    'risk_level',
    'risk_score',
    'board',
    'model',
    'requester',
    'requester_email',
    'raised_at',
    'planned_start',
    'planned_end',
    'decided_at',
    'expires_at',
    'started_at',
    'completed_at',
    'outcome',
    'outcome_note',
    'incidents_caused',
    'review_met_goal',
    'review_summary',
    'review_lessons',
    'review_by',
    'review_at',
  ],
  versions: ['change', 'version', 'at', 'by', 'platform', 'action', 'changed'],
  votes: [
    'change',
    'version',
    'voter',
    'voter_email',
    'platform',
    'decision',
    'reason',
    'at',
    'counts_for_current_version',
  ],
  approvals: [
    'change',
    'board',
    'rule',
    'veto',
    'required',
    'approvals',
    'rejections',
    'rule_outcome',
    'decided',
    'decided_at',
    'decided_by_vote_of',
    'requester_approved',
    'refused_self_approvals',
  ],
  audit: [
    'seq',
    'at',
    'change',
    'actor',
    'platform',
    'action',
    'version',
    'reason',
    'data',
    'prev_hash',
    'hash',
  ],
};

/**
 * The auditor's bundle: one file per table in CSV or JSON, and manifest.json with each file's SHA-256, the
 * period, and the whole audit chain's verification result and last hash (keep that hash: a later export
 * whose chain no longer contains it shows the trail was truncated or rewritten).
 */
export function buildEvidenceBundle(
  ctx: AppContext,
  period: MetricsPeriod,
  format: EvidenceFormat,
): EvidenceBundle {
  const tables = collectEvidence(ctx, period);
  const files: Record<string, Uint8Array> = {};
  const listed: ManifestFile[] = [];
  for (const table of Object.keys(COLUMNS) as (keyof EvidenceTables)[]) {
    const name = `${table}.${format}`;
    const bytes = encode(tables[table], format, COLUMNS[table]);
    files[name] = bytes;
    listed.push({ name, sha256: sha256(bytes), bytes: bytes.length, records: tables[table].length });
  }
  const chain = verifyAuditChain(ctx.database.db);
  const manifest: EvidenceManifest = {
    generatedAt: ctx.clock().toISOString(),
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    format,
    changes: tables.changes.length,
    auditChain: chain.ok
      ? { verifies: true, eventCount: chain.count, lastHash: chain.lastHash }
      : { verifies: false, brokenAt: chain.brokenAt, reason: chain.reason },
    files: listed,
  };
  files['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  // A fixed timestamp on every entry: the same evidence gives the same zip bytes. Zip (DOS) times only span
  // 1980–2099, so a period ending outside that range is stamped at the nearest end of it.
  const mtime = new Date(Math.min(Math.max(period.to.getTime(), ZIP_EARLIEST), ZIP_LATEST));
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([n, b]) => [n, [b, { mtime }]])), {
    level: 6,
  });
  return { zip, manifest, files };
}
