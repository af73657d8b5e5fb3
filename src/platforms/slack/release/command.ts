import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import {
  isReleaseChangeSubcommand,
  isReleaseTargetSubcommand,
  type ReleaseChangeSubcommand,
  type ReleaseTarget,
  readReleaseTarget,
  runReleaseCommand,
} from '../../../app/release/release-command.ts';
import {
  notesOf,
  releaseCard,
  releaseModels,
  releasesManagedBy,
} from '../../../app/release/release-queries.ts';
import type { DomainError, Result } from '../../../domain/result.ts';
import type { ListenerDeps } from '../listeners/deps.ts';
import { guarded } from '../listeners/guard.ts';
import { ephemeral } from '../listeners/reply.ts';
import type { SlackListeners } from '../listeners/router.ts';
import { escapeMrkdwn, unescapeSlack } from '../render/mrkdwn.ts';
import { RELEASE_COMMAND } from './ids.ts';
import { renderReleaseCard } from './render-card.ts';
import {
  completeReleaseModal,
  note,
  notesMessage,
  releaseFormModal,
  releaseHelp,
  releaseList,
} from './render-text.ts';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** What the private reply says when a subcommand's use case succeeded. */
function done(sub: ReleaseChangeSubcommand, { key, changeId, rest }: ReleaseTarget): string {
  switch (sub) {
    case 'add':
      return `:heavy_plus_sign: CHG-${changeId} rides ${key}.`;
    case 'remove':
      return `:heavy_minus_sign: CHG-${changeId} was dropped from ${key}.`;
    case 'start':
      return `:arrow_forward: ${key} has started. Complete it with \`${RELEASE_COMMAND} complete ${key}\`.`;
    case 'cancel':
      return `:heavy_multiplication_x: ${key} is cancelled.`;
    case 'skip':
      return `:fast_forward: ${key} is skipped; the channel is told.`;
    case 'expose':
      return `:bulb: Exposure of ${key} recorded: ${escapeMrkdwn(rest)}.`;
    case 'move':
      return `:calendar: ${key} moved; its reminders are planned afresh.`;
  }
}

/**
 * `/release [new|list|show|add|remove|start|complete|expose|move|cancel|skip|notes|help] …`; every reply is
 * private (ephemeral), and a refusal changes nothing.
 */
export function registerReleaseCommand(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const tz = () => ctx.policy.defaults.timezone;

  const handle = async ({ command, ack, client }: CommandArgs) => {
    // Slack sends a typed & < > as entities; kept raw, as every renderer escapes what it shows.
    const words = unescapeSlack(command.text).trim().split(/\s+/).filter(Boolean);
    const sub = (words[0] ?? '').toLowerCase();
    const reply = (mrkdwn: string) => ack(ephemeral(note(mrkdwn)));
    const said = (result: Result<unknown, DomainError>, done: string) =>
      reply(result.ok ? done : present.refusal(result.error));

    if (sub === '' || sub === 'new') {
      if (releaseModels(ctx).length === 0) return reply('No release models are defined in the policy yet.');
      await client.views.open({ trigger_id: command.trigger_id, view: releaseFormModal(releaseModels(ctx)) });
      return ack();
    }
    if (sub === 'help') return ack(ephemeral(releaseHelp()));
    if (sub === 'list') {
      const actor = await identity.actorFor(command.user_id);
      const now = ctx.clock();
      const upcoming = ctx.repos.releases.listStartingBetween(
        now,
        new Date(now.getTime() + 30 * 86_400_000),
        ['planned', 'ready', 'in_progress'],
        20,
      );
      return ack(ephemeral(releaseList({ mine: releasesManagedBy(ctx, actor.person), upcoming, tz: tz() })));
    }

    if (!isReleaseTargetSubcommand(sub)) return ack(ephemeral(releaseHelp(words[0])));

    const read = readReleaseTarget(ctx, sub, words);
    switch (read.kind) {
      case 'no_instance':
        return reply(`${escapeMrkdwn(read.model)} has no upcoming instance to skip.`);
      case 'no_change':
        return reply(`Which change? e.g. \`${RELEASE_COMMAND} ${sub} CHG-1042 REL-12\`.`);
      case 'no_release': {
        const what = read.typed ? ` (\`${escapeMrkdwn(read.typed.slice(0, 40))}\` is not one)` : '';
        return reply(
          `Which release? Give its key${what}, e.g. \`${RELEASE_COMMAND} ${sub} ${read.withChange ? 'CHG-1042 ' : ''}REL-12\`.`,
        );
      }
      case 'missing':
        return reply(`:mag: ${read.key} does not exist.`);
    }
    const { target } = read;
    const { releaseId, key, release } = target;

    switch (sub) {
      case 'show': {
        const card = releaseCard(ctx, releaseId);
        return card ? ack(ephemeral(renderReleaseCard(card, tz()))) : reply(`:mag: ${key} does not exist.`);
      }
      case 'notes':
        return ack(ephemeral(notesMessage(key, release.name, notesOf(ctx, releaseId))));
      case 'complete':
        await client.views.open({
          trigger_id: command.trigger_id,
          view: completeReleaseModal(key, releaseId),
        });
        return ack();
    }
    if (!isReleaseChangeSubcommand(sub)) return ack(ephemeral(releaseHelp(words[0])));
    const actor = await identity.actorFor(command.user_id);
    const ran = runReleaseCommand(ctx, actor, sub, target);
    if (ran.kind === 'bad_time')
      return reply(`When? Give the new start as \`2026-03-12T10:00\` (${escapeMrkdwn(ran.zone)}).`);
    return said(ran.result, done(sub, target));
  };

  app.command(
    RELEASE_COMMAND,
    guarded(deps, 'release command', handle, {
      early: (_args, text) => ephemeral(note(`:warning: ${text}`)),
      late: async (args, text) => {
        await args.respond({ response_type: 'ephemeral', text: `:warning: ${text}` });
      },
    }),
  );
}
