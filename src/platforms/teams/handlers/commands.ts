import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { listAwaitingMyVote, listMyOpenChanges, listScheduledSoon } from '../../../app/queries.ts';
import { cancelChange, startImplementation } from '../../../app/use-cases/implementation.ts';
import { formatChangeKey, parseChangeKey } from '../../../domain/change/change-key.ts';
import { STATE_LABELS } from '../../../domain/change/lifecycle.ts';
import { registrableConversation } from '../bot/activity-info.ts';
import { personalCard } from '../card-views.ts';
import { COMMANDS, type CommandName, parseCommand } from '../commands.ts';
import { renderHelpCard, renderListCard } from '../render/info-cards.ts';
import { calendarCommand } from './calendar.ts';
import { openEditForm, openNewForm } from './change-form.ts';
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

/**
 * A typed command (in channels after an @mention): parse → resolve the person → use case or query → reply.
 * Anything not understood gets the help card.
 */
export async function onCommand(context: TurnContext, deps: TurnDeps, actor: Actor): Promise<void> {
  const { ctx } = deps;
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
    case 'list':
      await replyWith(
        context,
        deps,
        renderListCard({
          mine: listMyOpenChanges(ctx, actor.person),
          awaitingMe: listAwaitingMyVote(ctx, actor.person),
          soon: listScheduledSoon(ctx, SCHEDULE_DAYS),
        }),
      );
      return;
    case 'show': {
      const id = await needsChange();
      if (id === null) return;
      const audience = ctx.repos.changes.get(id)?.requesterId === actor.person.id ? 'requester' : 'cab';
      const card = personalCard(ctx, id, audience, actor.person);
      await replyWith(context, deps, card ?? `${formatChangeKey(id)} does not exist.`);
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
    case 'calendar':
      await replyWith(context, deps, calendarCommand(context, deps, actor, command.args.split(' ')));
      return;
    case 'help':
      return help(context, deps, null);
    case 'unknown':
      return help(context, deps, command.raw || null);
  }
}
