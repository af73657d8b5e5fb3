// `npm run token -- create --name ci-payments --scope gate [--scope deployments] [--by "Dana"]`,
// `npm run token -- list`, `npm run token -- revoke --name ci-payments`: API tokens for pipelines, for the
// change manager who runs Changeboard. The token is printed once; only its hash is stored.
// Uses DATABASE_PATH (or --database). Exit 0 on success, 1 on a refusal, 2 on a usage error.
import { parseArgs } from 'node:util';
import { API_SCOPES, createApiToken, listApiTokens, revokeApiToken } from '../app/api/tokens.ts';
import { createAppContext } from '../app/context.ts';
import { openDatabase } from '../db/client.ts';
import { loadDotEnv } from '../dotenv.ts';
import { defaultPolicy } from '../policy/default-policy.ts';

// The same settings as the service: DATABASE_PATH may come from .env (the environment wins).
loadDotEnv();

const USAGE = `Usage:
  npm run token -- create --name NAME --scope ${API_SCOPES.join('|')} [--scope …] [--by WHO]
  npm run token -- list
  npm run token -- revoke --name NAME
Options: --database PATH (default: DATABASE_PATH or ./data/changeboard.db)
`;

function main(): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (!command || !['create', 'list', 'revoke'].includes(command) || (command !== 'list' && !values.name)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const path = values.database ?? process.env.DATABASE_PATH ?? './data/changeboard.db';
  const database = openDatabase(path);
  try {
    // Tokens do not depend on the change policy; the built-in one keeps this command independent of POLICY_FILE.
    const ctx = createAppContext({ database, policy: defaultPolicy });
    const by = values.by ? `cli:${values.by}` : 'cli';
    if (command === 'create') {
      const scopes = (values.scope ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
      const created = createApiToken(ctx, { name: values.name!, scopes, createdBy: by, platform: 'cli' });
      if (!created.ok) {
        process.stderr.write(`${created.error.message}\n`);
        return 1;
      }
      process.stdout.write(
        `Token ${created.value.summary.name} (${created.value.summary.scopes.join(', ')}); shown once, store it as a CI secret:\n${created.value.token}\n`,
      );
      return 0;
    }
    if (command === 'revoke') {
      const revoked = revokeApiToken(ctx, { name: values.name!, revokedBy: by, platform: 'cli' });
      if (!revoked.ok) {
        process.stderr.write(`${revoked.error.message}\n`);
        return 1;
      }
      process.stdout.write(`Token ${values.name} revoked.\n`);
      return 0;
    }
    for (const t of listApiTokens(ctx)) {
      const state = t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'live';
      process.stdout.write(
        `${t.name}\t${t.scopes.join(',')}\t${state}\tcreated ${t.createdAt.toISOString()} by ${t.createdBy}\n`,
      );
    }
    return 0;
  } finally {
    database.close();
  }
}

function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scope: { type: 'string', multiple: true },
      by: { type: 'string' },
      database: { type: 'string' },
    },
  });
}

process.exitCode = main();
