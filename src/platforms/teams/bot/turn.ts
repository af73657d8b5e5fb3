import { performance } from 'node:perf_hooks';
import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { ackDuration, secondsSince } from '../../../observability/ops-metrics.ts';
import { errorReply, type InvokeBody, reportUnexpected } from '../errors.ts';
import { onCommand } from '../handlers/commands.ts';
import {
  ADAPTIVE_CARD_ACTION,
  onAdaptiveCardAction,
  readAction,
  repeatedAction,
} from '../handlers/invoke.ts';
import { answerInvoke, replyWith, type TurnDeps } from '../handlers/turn-deps.ts';
import { renderHelpCard } from '../render/info-cards.ts';
import {
  baseConversationId,
  conversationKind,
  deliveryKey,
  registrableConversation,
} from './activity-info.ts';
import { captureConversation } from './conversation-capture.ts';

/**
 * The bot: one function per turn. It records where the activity came from (for proactive posts), drops a
 * redelivered activity (Teams redelivers what it thinks went unanswered), and routes: messages to commands,
 * `adaptiveCard/action` invokes to card actions, installs to a welcome. Handlers only translate; errors meet
 * the user here, as a short reference.
 */
export function createTurnLogic(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const { ctx, log, refs } = deps;

  const capture = (context: TurnContext, actor: Actor | null) =>
    captureConversation(refs, context.activity, { personId: actor?.person.id ?? null, now: ctx.clock() });

  /** True the first time; a repeat is logged and skipped. */
  const firstDelivery = (context: TurnContext): boolean => {
    const key = deliveryKey(context.activity);
    if (key === null || ctx.repos.deliveries.firstTime(key, ctx.clock())) return true;
    log.info('redelivered Teams activity skipped', { key, type: context.activity.type });
    return false;
  };

  const botWasAdded = (context: TurnContext): boolean => {
    const a = context.activity;
    if (a.type === 'installationUpdate') return (a as { action?: string }).action === 'add';
    return (a.membersAdded ?? []).some((m) => m.id === a.recipient?.id);
  };

  const botWasRemoved = (context: TurnContext): boolean => {
    const a = context.activity;
    if (a.type === 'installationUpdate') return (a as { action?: string }).action === 'remove';
    return (a.membersRemoved ?? []).some((m) => m.id === a.recipient?.id);
  };

  async function onInvoke(context: TurnContext): Promise<void> {
    // An invoke this bot does not handle is answered as a bad request, not with botbuilder's 501.
    if (context.activity.name !== ADAPTIVE_CARD_ACTION)
      return answerInvoke(context, errorReply('This action is not supported.', 400));
    let body: InvokeBody;
    try {
      const automatic = (context.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic';
      const actor = await deps.actors.resolve(context, { lookup: !automatic });
      capture(context, actor);
      if (!actor) body = errorReply('Teams did not say who clicked.', 400);
      else if (readAction(context).isWrite && !firstDelivery(context))
        body = repeatedAction(context, deps, actor);
      else body = await onAdaptiveCardAction(context, deps, actor);
    } catch (error) {
      body = errorReply(
        reportUnexpected(log, error, { activity: context.activity.id, name: context.activity.name }),
      );
    }
    await answerInvoke(context, body);
  }

  async function onMessage(context: TurnContext): Promise<void> {
    if (!firstDelivery(context)) return;
    try {
      const actor = await deps.actors.resolve(context);
      capture(context, actor);
      if (!actor) return;
      await onCommand(context, deps, actor);
    } catch (error) {
      await replyWith(context, deps, reportUnexpected(log, error, { activity: context.activity.id }));
    }
  }

  async function onMembership(context: TurnContext): Promise<void> {
    if (botWasRemoved(context)) {
      refs.forget(baseConversationId(context.activity));
      return;
    }
    if (!firstDelivery(context)) return;
    const personal = conversationKind(context.activity) === 'personal';
    // In a personal chat the installer is the person; their chat is where their direct messages go.
    const actor = personal ? await deps.actors.resolve(context) : null;
    capture(context, actor);
    if (!botWasAdded(context)) return;
    // The welcome is the help card: in a channel or group chat it says how to make it a CAB channel.
    const here = registrableConversation(context.activity);
    await replyWith(
      context,
      deps,
      renderHelpCard({ channelId: here?.id ?? null, channelName: here?.name ?? null, unknown: null }),
    );
  }

  const route = async (context: TurnContext): Promise<void> => {
    switch (context.activity.type) {
      case 'invoke':
        return onInvoke(context);
      case 'message':
        return onMessage(context);
      case 'conversationUpdate':
      case 'installationUpdate':
        return onMembership(context);
      default:
        capture(context, null);
    }
  };

  // A turn's answer is its acknowledgement (an invoke's response, a message's reply): time the whole turn.
  return async (context) => {
    const start = performance.now();
    try {
      await route(context);
    } finally {
      // Bounded labels: activity fields come from outside, so unknown values share one series.
      const { type, name } = context.activity;
      const kind =
        type === 'invoke'
          ? name === ADAPTIVE_CARD_ACTION
            ? `invoke:${name}`
            : 'invoke:other'
          : ['message', 'conversationUpdate', 'installationUpdate'].includes(type)
            ? type
            : 'other';
      ackDuration.observe({ platform: 'teams', kind }, secondsSince(start));
    }
  };
}
