import { requestEvidenceExport } from '../../../app/export/export-jobs.ts';
import { parseExportQuery } from '../../../app/export/export-query.ts';
import { COMMAND } from '../ids.ts';
import type { ListenerDeps } from './deps.ts';

/**
 * `/change export 2026-01-01 2026-03-31 [csv|json]`, for change managers: queues the evidence bundle as a job;
 * the zip arrives by direct message. Returns the private reply (mrkdwn).
 */
export async function exportCommand(
  deps: ListenerDeps,
  userId: string,
  args: readonly string[],
): Promise<string> {
  const query = parseExportQuery(args);
  if (!query.ok) return `:warning: ${query.error.message} (\`${COMMAND} export 2026-01-01 2026-03-31 csv\`)`;
  const actor = await deps.identity.actorFor(userId);
  const requested = requestEvidenceExport(
    deps.ctx,
    { ...actor, platform: 'slack' },
    query.value.period,
    query.value.format,
  );
  if (!requested.ok) return `:no_entry: ${requested.error.message}`;
  return ':package: Building the evidence bundle; the zip arrives in a direct message in a moment.';
}
