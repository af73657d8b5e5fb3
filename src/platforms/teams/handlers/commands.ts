import type { TurnContext } from 'botbuilder';
import { runTokenCommand } from '../../../app/api/token-command.ts';
import type { Actor } from '../../../app/context.ts';
import { pageAwaitingMyVote, pageMyOpenChanges, pageScheduledSoon } from '../../../app/queries.ts';
import { cancelChange, startImplementation } from '../../../app/use-cases/implementation.ts';
import { formatChangeKey, parseChangeKey } from '../../../domain/change/change-key.ts';
import { STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import { conversationKind, registrableConversation } from '../bot/activity-info.ts';
import { personalCard } from '../card-views.ts';
import { COMMANDS, type CommandName, parseCommand } from '../commands.ts';
import { onReleaseCommand } from '../release/commands.ts';
import { renderHelpCard, renderListCard, TEAMS_LIST_PAGE } from '../render/info-cards.ts';
import { explainInTeams, onApprovalCommand } from './approval-commands.ts';
import { calendarCommand } from './calendar.ts';
import { openEditForm, openNewForm } from './change-form.ts';
import { onExport } from './export.ts';
import { onMetrics } from './metrics.ts';
import { replyWith, type TurnDeps } from './turn-deps.ts';

const SCHEDULE_DAYS = 7;

/** The text the person typed, without the bot's @mention (in channels) or Teams' HTML leftovers. */
export function commandText(context: TurnContext): string {
  return (context.activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .trim();
}

const usageOf = (name: CommandName) => COMMANDS.find((c) => c.name === name)?.usage ?? name;

async function help(context: TurnContext, deps: TurnDeps, unknown: string | null): Promise<void> {
  const here = registrableConversation(context.activity);
  await replyWith(
    context,
    deps,
    renderHelpCard({ channelId: here?.id ?? null, channelName: here?.name ?? null, unknown }),
  );
}

/** `token …` for change managers, in the personal chat only: a token must never be shown to a channel. */
async function tokenCommand(context: TurnContext, deps: TurnDeps, actor: Actor, args: string[]) {
  if (conversationKind(context.activity) !== 'personal') {
    await replyWith(
      context,
      deps,
      'API tokens are managed in your personal chat with me: type "token" there.',
    );
    return;
  }
  const answer = runTokenCommand(deps.ctx, actor.person, 'teams', args);
  await replyWith(context, deps, [...answer.lines, ...(answer.token ? [answer.token] : [])].join('\n\n'));
}

/**
 * A typed command (in channels after an @mention): parse → resolve the person → use case or query → reply.
 * Anything not understood gets the help card.
 */
export async function onCommand(context: TurnContext, deps: TurnDeps, actor: Actor): Promise<void> {
  const { ctx } = deps;
  if (await onApprovalCommand(context, deps, actor, commandText(context).split(/\s+/))) return;
  const words = commandText(context).split(/\s+/);
  if (words[0]?.toLowerCase() === 'token') return tokenCommand(context, deps, actor, words.slice(1));
  const command = parseCommand(commandText(context));
  const [first = '', ...rest] = command.args.split(' ');
  const changeId = parseChangeKey(first);
  const needsChange = async (): Promise<number | null> => {
    if (changeId !== null) return changeId;
    await replyWith(context, deps, `Which change? Type "${usageOf(command.name as CommandName)}".`);
    return null;
  };
  /** The person's own view of a change, with a line pointing at the form that does what they asked. */
  const ownCard = (id: number, hint: string) => {
    const audience = ctx.repos.changes.get(id)?.requesterId === actor.person.id ? 'requester' : 'cab';
    const card = personalCard(ctx, id, audience, actor.person, { notice: { text: hint, tone: 'default' } });
    return card ?? `${formatChangeKey(id)} does not exist.`;
  };
  const outcome = async (result: { ok: true } | { ok: false; error: { message: string } }, done: string) =>
    replyWith(context, deps, result.ok ? done : result.error.message);

  switch (command.name) {
    case 'new':
      return openNewForm(context, deps);
    case 'list': {
      // "list 2" is the second page: each list is one bounded page and a capped count.
      const page = Math.min(Math.max(Number.parseInt(first, 10) || 1, 1), 1_000);
      const slice = { offset: (page - 1) * TEAMS_LIST_PAGE, limit: TEAMS_LIST_PAGE };
      await replyWith(
        context,
        deps,
        renderListCard({
          mine: pageMyOpenChanges(ctx, actor.person, slice),
          awaitingMe: pageAwaitingMyVote(ctx, actor.person, slice),
          soon: pageScheduledSoon(ctx, SCHEDULE_DAYS, slice),
          page,
        }),
      );
      return;
    }
    case 'show': {
      const id = await needsChange();
      if (id === null) return;
      const audience = ctx.repos.changes.get(id)?.requesterId === actor.person.id ? 'requester' : 'cab';
      const card = personalCard(ctx, id, audience, actor.person);
      await replyWith(context, deps, card ?? `${formatChangeKey(id)} does not exist.`);
      return;
    }
    case 'explain': {
      const id = await needsChange();
      if (id !== null) await explainInTeams(context, deps, id);
      return;
    }
    case 'edit': {
      const id = await needsChange();
      if (id !== null) await openEditForm(context, deps, actor, id);
      return;
    }
    case 'cancel': {
      const id = await needsChange();
      if (id === null) return;
      const reason = rest.join(' ').trim() || null;
      await outcome(
        cancelChange(ctx, actor, { changeId: id, reason }),
        `${formatChangeKey(id)} was cancelled.`,
      );
      return;
    }
    case 'start': {
      const id = await needsChange();
      if (id === null) return;
      await outcome(
        startImplementation(ctx, actor, { changeId: id }),
        `${formatChangeKey(id)} is now being implemented.`,
      );
      return;
    }
    case 'complete': {
      // Completing needs an outcome: the card's "Complete" form asks for it.
      const id = await needsChange();
      if (id === null) return;
      await replyWith(context, deps, ownCard(id, 'Use "Complete" below to record the outcome.'));
      return;
    }
    case 'review': {
      // The review needs a goal verdict and a summary: the card's "Record review" form asks for them.
      const id = await needsChange();
      if (id === null) return;
      const change = ctx.repos.changes.get(id);
      if (change && change.state !== 'review') {
        const state = STATE_LABELS[change.state];
        await replyWith(
          context,
          deps,
          `${formatChangeKey(id)} is ${state}, not ${STATE_LABELS.review}: only a completed change waits for its review.`,
        );
        return;
      }
      await replyWith(context, deps, ownCard(id, 'Use "Record review" below to record the review.'));
      return;
    }
    case 'release':
      return onReleaseCommand(context, deps, actor, command.args);
    case 'metrics':
      return onMetrics(context, deps, actor, command.args);
    case 'calendar':
      await replyWith(context, deps, calendarCommand(context, deps, actor, command.args.split(' ')));
      return;
    case 'help':
      return help(context, deps, null);
    case 'unknown':
      // `export` is for change managers and not in the ten-command menu Teams allows.
      if (command.raw.split(' ')[0]?.toLowerCase() === 'export')
        return onExport(context, deps, actor, command.args);
      return help(context, deps, command.raw || null);
  }
}
