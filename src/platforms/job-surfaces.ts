import type { AppContext } from '../app/context.ts';
import type { ChatSurface } from '../app/ports.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/**
 * The chat surfaces the job handlers post through, built from the configuration alone (for the job thread,
 * which has no platform adapter): each platform's Web API client and its pacer. Imported lazily like the
 * adapters, so a deployment without a platform never loads its SDK.
 */
export async function createJobSurfaces(
  config: Config,
  ctx: AppContext,
  log: Logger,
): Promise<ChatSurface[]> {
  const surfaces: ChatSurface[] = [];
  if (config.slack) {
    const { createSlackJobSurface } = await import('./slack/job-surface.ts');
    surfaces.push(createSlackJobSurface(config.slack, ctx, log.child({ platform: 'slack' })));
  }
  if (config.teams) {
    const { createTeamsJobSurface } = await import('./teams/job-surface.ts');
    surfaces.push(createTeamsJobSurface(config.teams, ctx, log.child({ platform: 'teams' })));
  }
  return surfaces;
}
