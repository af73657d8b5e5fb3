import type { AppContext } from '../../app/context.ts';
import type { ChatSurface } from '../../app/ports.ts';
import type { TeamsConfig } from '../../config.ts';
import { createConversationRefsRepository } from '../../db/conversation-refs-repo.ts';
import type { Logger } from '../../log.ts';
import { createBotAdapter } from './bot-adapter.ts';
import { createPacer } from './pacer.ts';
import { createProactive } from './proactive.ts';
import { createTeamsSurface } from './surface.ts';

/**
 * The Teams surface for the job thread: its own CloudAdapter (for proactive sends only) and pacer. The
 * conversation references come from the shared database, where the turn logic stores them.
 */
export function createTeamsJobSurface(config: TeamsConfig, ctx: AppContext, log: Logger): ChatSurface {
  return createTeamsSurface({
    ctx,
    refs: createConversationRefsRepository(ctx.database),
    proactive: createProactive(createBotAdapter(config), config.appId),
    pacer: createPacer({ clock: ctx.clock }),
    log,
  });
}
