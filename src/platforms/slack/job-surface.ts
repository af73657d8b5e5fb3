import type { AppContext } from '../../app/context.ts';
import type { SlackConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import type { PlatformJobSurfaces } from '../job-surfaces.ts';
import { createSlackUpdatePacer, SLACK_PACE } from './pace.ts';
import { createPacer } from './pacer.ts';
import { createSlackReleaseSurface } from './release/surface.ts';
import { createSlackSurface } from './surface.ts';
import { createJobClient } from './web-client.ts';

/** The Slack surfaces for the job thread: one Web API client and one channel pacer for all of them (no Bolt app). */
export function createSlackJobSurfaces(
  config: SlackConfig,
  ctx: AppContext,
  log: Logger,
): PlatformJobSurfaces {
  const client = createJobClient(config, log.child({ component: 'jobs-web-api' }));
  const pacer = createPacer(SLACK_PACE);
  const updatePacer = createSlackUpdatePacer(ctx.clock);
  return {
    chat: createSlackSurface({ ctx, client, pacer, updatePacer }),
    release: createSlackReleaseSurface({ ctx, client, pacer, updatePacer }),
  };
}
