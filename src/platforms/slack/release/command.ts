import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseLocalDateTime } from '../../../app/release/local-time.ts';
import {
  addChange,
  cancelRelease,
  moveWindow,
  nextInstanceOf,
  recordExposure,
  removeChange,
  skipRelease,
  startRelease,
} from '../../../app/release/manage-release.ts';
import { releaseZone } from '../../../app/release/messages.ts';
import {
  modelOf,
  notesOf,
  releaseCard,
  releaseModels,
  releasesManagedBy,
} from '../../../app/release/release-queries.ts';
import { parseChangeKey } from '../../../domain/change/change-key.ts';
import { formatReleaseKey, parseReleaseKey } from '../../../domain/release/release-key.ts';
import type { DomainError, Result } from '../../../domain/result.ts';
import type { ListenerDeps } from '../listeners/deps.ts';
import { guarded } from '../listeners/guard.ts';
import { ephemeral } from '../listeners/reply.ts';
import { escapeMrkdwn } from '../render/mrkdwn.ts';
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

/**
 * `/release [new|list|show|add|remove|start|complete|expose|move|cancel|skip|notes|help] …`; every reply is
 * private (ephemeral), and a refusal changes nothing.
 */
export function registerReleaseCommand(app: App, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const tz = () => ctx.policy.defaults.timezone;

  const handle = async ({ command, ack, client }: CommandArgs) => {
    const words = command.text.trim().split(/\s+/).filter(Boolean);
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

    const known = ['show', 'add', 'remove', 'start', 'complete', 'expose', 'move', 'cancel', 'skip', 'notes'];
    if (!known.includes(sub)) return ack(ephemeral(releaseHelp(words[0])));

    // `add`/`remove` take CHG-n then REL-n; the others REL-n first. `skip MODEL` skips a train's next instance.
    const withChange = sub === 'add' || sub === 'remove';
    const changeId = withChange ? parseChangeKey(words[1] ?? '') : null;
    let releaseId = parseReleaseKey(words[withChange ? 2 : 1] ?? '');
    if (sub === 'skip' && releaseId === null && words[1] && modelOf(ctx, words[1])) {
      releaseId = nextInstanceOf(ctx, words[1])?.id ?? null;
      if (releaseId === null) return reply(`${escapeMrkdwn(words[1])} has no upcoming instance to skip.`);
    }
    if (withChange && changeId === null)
      return reply(`Which change? e.g. \`${RELEASE_COMMAND} ${sub} CHG-1042 REL-12\`.`);
    if (releaseId === null) {
      const typed = words[withChange ? 2 : 1];
      const what = typed ? ` (\`${escapeMrkdwn(typed.slice(0, 40))}\` is not one)` : '';
      return reply(
        `Which release? Give its key${what}, e.g. \`${RELEASE_COMMAND} ${sub} ${withChange ? 'CHG-1042 ' : ''}REL-12\`.`,
      );
    }
    const key = formatReleaseKey(releaseId);
    const release = ctx.repos.releases.get(releaseId);
    if (!release) return reply(`:mag: ${key} does not exist.`);
    const rest = words.slice(2).join(' ');

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
    const actor = await identity.actorFor(command.user_id);
    switch (sub) {
      case 'add':
        return said(
          addChange(ctx, actor, { releaseId, changeId: changeId! }),
          `:heavy_plus_sign: CHG-${changeId} rides ${key}.`,
        );
      case 'remove':
        return said(
          removeChange(ctx, actor, { releaseId, changeId: changeId! }),
          `:heavy_minus_sign: CHG-${changeId} was dropped from ${key}.`,
        );
      case 'start':
        return said(
          startRelease(ctx, actor, { releaseId }),
          `:arrow_forward: ${key} has started. Complete it with \`${RELEASE_COMMAND} complete ${key}\`.`,
        );
      case 'cancel':
        return said(
          cancelRelease(ctx, actor, { releaseId, reason: rest || null }),
          `:heavy_multiplication_x: ${key} is cancelled.`,
        );
      case 'skip':
        return said(
          skipRelease(ctx, actor, { releaseId, reason: rest || null }),
          `:fast_forward: ${key} is skipped; the channel is told.`,
        );
      case 'expose':
        return said(
          recordExposure(ctx, actor, { releaseId, step: rest }),
          `:bulb: Exposure of ${key} recorded: ${escapeMrkdwn(rest)}.`,
        );
      case 'move': {
        const zone = releaseZone(ctx, release);
        const start = parseLocalDateTime(rest, zone);
        if (!start) return reply(`When? Give the new start as \`2026-03-12T10:00\` (${escapeMrkdwn(zone)}).`);
        return said(
          moveWindow(ctx, actor, { releaseId, start, end: null }),
          `:calendar: ${key} moved; its reminders are planned afresh.`,
        );
      }
    }
    return ack(ephemeral(releaseHelp(words[0])));
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
