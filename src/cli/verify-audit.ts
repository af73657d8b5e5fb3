// `npm run audit:verify [database-file]`: checks the audit trail's hash chain, for an auditor or a cron job.
// Exit 0 with the event count and the last hash (keep a copy elsewhere to detect truncation), 1 at the first
// broken link, 2 when the database cannot be opened.
import { existsSync } from 'node:fs';
import { verifyAuditChain } from '../db/audit.ts';
import { openDatabase } from '../db/client.ts';
import { loadDotEnv } from '../dotenv.ts';

// The same settings as the service: DATABASE_PATH may come from .env (the environment wins).
loadDotEnv();
const path = process.argv[2] ?? process.env.DATABASE_PATH ?? './data/changeboard.db';
if (!existsSync(path)) {
  process.stderr.write(`No database at ${path} (pass a path or set DATABASE_PATH).\n`);
  process.exit(2);
}
const database = openDatabase(path);
try {
  const result = verifyAuditChain(database.db);
  if (result.ok) {
    process.stdout.write(`Audit trail intact: ${result.count} events, last hash ${result.lastHash}\n`);
  } else {
    process.stdout.write(`Audit trail BROKEN at event ${result.brokenAt}: ${result.reason}\n`);
    process.exitCode = 1;
  }
} finally {
  database.close();
}
