import type { AppContext } from '../../app/context.ts';
import type { TeamsConfig } from '../../config.ts';
import { createConversationRefsRepository } from '../../db/conversation-refs-repo.ts';
import type { Logger } from '../../log.ts';
import type { PlatformJobSurfaces } from '../job-surfaces.ts';
import { createBotAdapter } from './bot-adapter.ts';
import { createPacer } from './pacer.ts';
import { createProactive } from './proactive.ts';
import { createTeamsReleaseSurface } from './release/surface.ts';
import { createTeamsSurface } from './surface.ts';

/**
 * The Teams surfaces for the job thread: its own CloudAdapter (for proactive sends only) and one pacer for
 * all of them. The conversation references come from the shared database, where the turn logic stores them.
 */
export function createTeamsJobSurfaces(
  config: TeamsConfig,
  ctx: AppContext,
  log: Logger,
): PlatformJobSurfaces {
  const refs = createConversationRefsRepository(ctx.database);
  const proactive = createProactive(createBotAdapter(config), config.appId);
  const pacer = createPacer({ clock: ctx.clock });
  return {
    chat: createTeamsSurface({ ctx, refs, proactive, pacer, log }),
    release: createTeamsReleaseSurface({ ctx, refs, proactive, pacer }),
  };
}
