// `npm run export -- --from 2026-01-01 --to 2026-03-31 --format csv|json [--out file.zip] [--db path]`: the
// auditor's evidence bundle for the period. Exit 0 with the manifest's hash, 1 when the audit chain does not
// verify (the bundle is still written, saying so), 2 for bad arguments or no database.

import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { createAppContext } from '../app/context.ts';
import { buildEvidenceBundle } from '../app/export/evidence-bundle.ts';
import { openDatabase } from '../db/client.ts';
import { loadDotEnv } from '../dotenv.ts';
import { loadPolicy } from '../policy/load-policy.ts';
import { formatPolicyError } from '../policy/policy-error.ts';
import { parseExportArgs } from './export-args.ts';

loadDotEnv();
const args = parseExportArgs(process.argv.slice(2), process.env);
if (typeof args === 'string') {
  process.stderr.write(`export: ${args}\n`);
  process.exit(2);
}
if (!existsSync(args.databasePath)) {
  process.stderr.write(`export: no database at ${args.databasePath} (pass --db or set DATABASE_PATH).\n`);
  process.exit(2);
}
const policy = loadPolicy(process.env.POLICY_FILE || null);
if (!policy.ok) {
  process.stderr.write(`${formatPolicyError(policy.error)}\n`);
  process.exit(2);
}
const database = openDatabase(args.databasePath);
try {
  const ctx = createAppContext({ database, policy: policy.value });
  const bundle = buildEvidenceBundle(ctx, args.period, args.format);
  writeFileSync(args.out, bundle.zip);
  const manifestHash = createHash('sha256').update(bundle.files['manifest.json']!).digest('hex');
  const chain = bundle.manifest.auditChain;
  process.stdout.write(
    `${args.out}: ${bundle.manifest.changes} changes, ${bundle.manifest.files.length} files; manifest sha256 ${manifestHash}\n` +
      (chain.verifies
        ? `Audit trail intact: ${chain.eventCount} events, last hash ${chain.lastHash}\n`
        : `Audit trail BROKEN at event ${chain.brokenAt}: ${chain.reason}\n`),
  );
  if (!chain.verifies) process.exitCode = 1;
} finally {
  database.close();
}
