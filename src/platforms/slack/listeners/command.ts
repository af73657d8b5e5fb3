import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { runTokenCommand } from '../../../app/api/token-command.ts';
import { explainStoredChange } from '../../../app/approval/explain-change.ts';
import {
  changeCard,
  pageAwaitingMyVote,
  pageMyOpenChanges,
  pageScheduledSoon,
} from '../../../app/queries.ts';
import { cancelChange, startImplementation } from '../../../app/use-cases/implementation.ts';
import { formatChangeKey, parseChangeKey } from '../../../domain/change/change-key.ts';
import { COMMAND } from '../ids.ts';
import { helpMessage, LIST_PAGE_SIZE, listMessage, noteMessage } from '../render/command-text.ts';
import { explainMessage } from '../render/explain.ts';
import { completeModal, detailsModal } from '../render/modals.ts';
import { escapeMrkdwn, unescapeSlack } from '../render/mrkdwn.ts';
import { delegateReply, objectReply, undelegateReply } from './approval-commands.ts';
import { calendarCommand } from './calendar.ts';
import { openChangeForm } from './change-form.ts';
import type { ListenerDeps } from './deps.ts';
import { openEditForm } from './edit-change.ts';
import { exportCommand } from './export.ts';
import { guarded } from './guard.ts';
import { metricsCommand } from './metrics.ts';
import { ephemeral } from './reply.ts';
import { reviewModalFor } from './review.ts';
import type { SlackListeners } from './router.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

const SUBCOMMANDS_WITH_KEY = new Set(['show', 'edit', 'cancel', 'start', 'complete', 'review']);
/** The approval subcommands that take a change key too (see approval-commands.ts). */
const APPROVAL_SUBCOMMANDS_WITH_KEY = new Set(['explain', 'object']);

/** `/change [new|list|show|edit|cancel|start|complete|review|help] [CHG-n] [reason]`; every reply is private. */
export function registerCommand(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const tz = () => ctx.policy.defaults.timezone;

  const handle = async ({ command, ack, client }: CommandArgs) => {
    // Slack sends a typed & < > as entities; kept raw, as every renderer escapes what it shows.
    const [first = '', second = '', ...rest] = unescapeSlack(command.text).trim().split(/\s+/);
    const sub = first.toLowerCase();
    const reply = (mrkdwn: string) => ack(ephemeral(noteMessage(mrkdwn)));

    if (sub === '' || sub === 'new') {
      await openChangeForm(deps, client, command.trigger_id);
      await ack();
      return;
    }
    if (sub === 'help') return ack(ephemeral(helpMessage()));
    if (sub === 'calendar')
      return ack(ephemeral(await calendarCommand(deps, command.user_id, [second, ...rest])));
    if (sub === 'list') {
      const { person } = await identity.actorFor(command.user_id);
      // `/change list 2` is the second page: each list is one bounded page and a capped count.
      const page = Math.min(Math.max(Number.parseInt(second, 10) || 1, 1), 1_000);
      const slice = { offset: (page - 1) * LIST_PAGE_SIZE, limit: LIST_PAGE_SIZE };
      const mine = pageMyOpenChanges(ctx, person, slice);
      const awaiting = pageAwaitingMyVote(ctx, person, slice);
      const soon = pageScheduledSoon(ctx, 7, slice);
      const message = listMessage({
        mine: mine.items,
        awaitingMyVote: awaiting.items,
        scheduledSoon: soon.items,
        timezone: tz(),
        totals: { mine: mine.total, awaitingMyVote: awaiting.total, scheduledSoon: soon.total },
        page,
      });
      return ack(ephemeral(message));
    }
    if (sub === 'token') {
      // API tokens for pipelines, for change managers only; the answer (and the token, once) is private.
      const { person } = await identity.actorFor(command.user_id);
      const answer = runTokenCommand(ctx, person, 'slack', [second, ...rest]);
      const lines = answer.lines.map(escapeMrkdwn);
      if (answer.token) lines.push(`\`${answer.token}\``);
      return reply(lines.join('\n'));
    }
    if (sub === 'metrics') return reply(await metricsCommand(deps, command.user_id, [second, ...rest]));
    if (sub === 'export') return reply(await exportCommand(deps, command.user_id, [second, ...rest]));
    if (sub === 'delegate') return reply(await delegateReply(deps, command.user_id, [second, ...rest]));
    if (sub === 'undelegate') return reply(await undelegateReply(deps, command.user_id));
    if (!SUBCOMMANDS_WITH_KEY.has(sub) && !APPROVAL_SUBCOMMANDS_WITH_KEY.has(sub))
      return ack(ephemeral(helpMessage(first)));

    const changeId = parseChangeKey(second);
    if (changeId === null) {
      const typed = second ? ` (\`${escapeMrkdwn(second.slice(0, 40))}\` is not one)` : '';
      return reply(`Which change? Give its key${typed}, e.g. \`${COMMAND} ${sub} CHG-1042\`.`);
    }
    const key = formatChangeKey(changeId);
    switch (sub) {
      case 'object':
        return reply(await objectReply(deps, command.user_id, changeId, rest.join(' ')));
      case 'explain': {
        const view = explainStoredChange(ctx, changeId);
        return view ? ack(ephemeral(explainMessage(view))) : reply(`:mag: ${key} does not exist.`);
      }
      case 'show': {
        const card = changeCard(ctx, changeId, 'cab');
        if (!card) return reply(`:mag: ${key} does not exist.`);
        await client.views.open({ trigger_id: command.trigger_id, view: detailsModal(card, tz()) });
        return ack();
      }
      case 'complete': {
        const card = changeCard(ctx, changeId, 'cab');
        if (!card) return reply(`:mag: ${key} does not exist.`);
        await client.views.open({ trigger_id: command.trigger_id, view: completeModal(card, { changeId }) });
        return ack();
      }
      case 'review': {
        const opened = reviewModalFor(ctx, changeId);
        if ('note' in opened) return reply(opened.note);
        await client.views.open({ trigger_id: command.trigger_id, view: opened.view });
        return ack();
      }
      case 'edit': {
        const note = await openEditForm(deps, client, command.trigger_id, command.user_id, changeId);
        return note ? reply(note) : ack();
      }
      case 'cancel': {
        const actor = await identity.actorFor(command.user_id);
        const done = cancelChange(ctx, actor, { changeId, reason: rest.join(' ') || null });
        return reply(done.ok ? `:heavy_multiplication_x: ${key} is cancelled.` : present.refusal(done.error));
      }
      case 'start': {
        const actor = await identity.actorFor(command.user_id);
        const done = startImplementation(ctx, actor, { changeId });
        return reply(
          done.ok
            ? `:arrow_forward: ${key} is in progress. Record the outcome with \`${COMMAND} complete ${key}\` when it is done.`
            : present.refusal(done.error),
        );
      }
    }
  };

  app.command(
    COMMAND,
    guarded(
      deps,
      'command',
      handle,
      {
        early: (_args, text) => ephemeral(noteMessage(`:warning: ${text}`)),
        late: async (args, text) => {
          await args.respond({ response_type: 'ephemeral', text: `:warning: ${text}` });
        },
      },
      (args) => ({ text: args.command.text.slice(0, 100) }),
    ),
  );
}
