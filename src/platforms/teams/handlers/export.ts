import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { requestEvidenceExport } from '../../../app/export/export-jobs.ts';
import { parseExportQuery } from '../../../app/export/export-query.ts';
import { replyWith, type TurnDeps } from './turn-deps.ts';

/**
 * `export 2026-01-01 2026-03-31 [csv|json]` for change managers: queues the evidence bundle; a bot cannot hand a
 * file over in Teams, so the job sends a download link (which needs PUBLIC_URL). Not in the manifest's command
 * menu, which Teams limits to ten commands.
 */
export async function onExport(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  args: string,
): Promise<void> {
  const query = parseExportQuery(args.split(' '));
  if (!query.ok) {
    await replyWith(
      context,
      deps,
      `${query.error.message.replaceAll('`', '"')} ("export 2026-01-01 2026-03-31 csv")`,
    );
    return;
  }
  const requested = requestEvidenceExport(
    deps.ctx,
    { ...actor, platform: 'teams' },
    query.value.period,
    query.value.format,
  );
  await replyWith(
    context,
    deps,
    requested.ok
      ? 'Building the evidence bundle; a download link follows in our chat in a moment.'
      : requested.error.message,
  );
}
