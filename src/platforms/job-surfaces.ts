import type { AppContext } from '../app/context.ts';
import type { JobSurfaces } from '../app/jobs/registry.ts';
import type { ChatSurface } from '../app/ports.ts';
import type { ReleaseSurface } from '../app/release/ports.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

/** One platform's surfaces for the job handlers, sharing that platform's Web API client and pacer. */
export interface PlatformJobSurfaces {
  readonly chat: ChatSurface;
  readonly release: ReleaseSurface;
}

/**
 * The chat surfaces the job handlers post through, built from the configuration alone (for the job thread,
 * which has no platform adapter): each platform's Web API client and its pacer. Imported lazily like the
 * adapters, so a deployment without a platform never loads its SDK.
 */
export async function createJobSurfaces(config: Config, ctx: AppContext, log: Logger): Promise<JobSurfaces> {
  const platforms: PlatformJobSurfaces[] = [];
  if (config.slack) {
    const { createSlackJobSurfaces } = await import('./slack/job-surface.ts');
    platforms.push(createSlackJobSurfaces(config.slack, ctx, log.child({ platform: 'slack' })));
  }
  if (config.teams) {
    const { createTeamsJobSurfaces } = await import('./teams/job-surface.ts');
    platforms.push(createTeamsJobSurfaces(config.teams, ctx, log.child({ platform: 'teams' })));
  }
  return { chat: platforms.map((p) => p.chat), releases: platforms.map((p) => p.release) };
}
