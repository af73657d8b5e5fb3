import type { AppContext } from '../../app/context.ts';
import type { SlackConfig } from '../../config.ts';
import type { Logger } from '../../log.ts';
import { SLACK_PACE } from './pace.ts';
import { createPacer } from './pacer.ts';
import { createSlackSurface, type SlackSurface } from './surface.ts';
import { createJobClient } from './web-client.ts';

/** The Slack surface for the job thread: its own Web API client and channel pacer (no Bolt app). */
export function createSlackJobSurface(config: SlackConfig, ctx: AppContext, log: Logger): SlackSurface {
  return createSlackSurface({
    ctx,
    client: createJobClient(config, log.child({ component: 'jobs-web-api' })),
    pacer: createPacer(SLACK_PACE),
  });
}
