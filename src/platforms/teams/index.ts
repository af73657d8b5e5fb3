import type { TurnContext } from 'botbuilder';
import type { TeamsConfig } from '../../config.ts';
import { createConversationRefsRepository } from '../../db/conversation-refs-repo.ts';
import type { PlatformAdapter, PlatformDeps } from '../platform.ts';
import { createActorResolver } from './bot/actor.ts';
import { createTurnLogic } from './bot/turn.ts';
import { createBotAdapter } from './bot-adapter.ts';
import { reportUnexpected } from './errors.ts';
import { messagesRoute } from './messages-route.ts';
import { createPacer } from './pacer.ts';
import { createProactive } from './proactive.ts';
import { createTeamsReleaseSurface } from './release/surface.ts';
import { createTeamsSurface } from './surface.ts';

/**
 * The Microsoft Teams adapter: botbuilder's CloudAdapter behind POST /api/messages, the bot's turn logic, and
 * the ChatSurface the job handlers post and update cards through. Every botbuilder import lives in this
 * folder (Microsoft archived the SDK; a move to the Teams SDK should touch nothing else).
 */
export async function createTeamsAdapter(config: TeamsConfig, deps: PlatformDeps): Promise<PlatformAdapter> {
  const { ctx } = deps;
  const log = deps.log.child({ platform: 'teams' });
  const adapter = createBotAdapter(config);
  const refs = createConversationRefsRepository(ctx.database);
  const pacer = createPacer({ clock: ctx.clock });
  const logic = createTurnLogic({ ctx, log, refs, pacer, actors: createActorResolver(ctx, log) });

  // Last resort for anything the turn logic did not catch itself (it catches what it can and answers).
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const message = reportUnexpected(log, error, {
      activity: context.activity.id,
      type: context.activity.type,
    });
    if (context.activity.type === 'message') await context.sendActivity(message).catch(() => undefined);
  };

  if (config.appId === null) {
    log.warn(
      'Teams runs WITHOUT authentication (TEAMS_ALLOW_UNAUTHENTICATED): for the Bot Framework Emulator only',
    );
  }

  const proactive = createProactive(adapter, config.appId);
  return {
    name: 'teams',
    routes: [messagesRoute({ adapter, logic, requireAuthorization: config.appId !== null })],
    surface: createTeamsSurface({ ctx, refs, proactive, pacer, log }),
    releaseSurface: createTeamsReleaseSurface({ ctx, refs, proactive, pacer }),
    async start() {},
    async stop() {},
  };
}
