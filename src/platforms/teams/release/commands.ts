import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
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
import { timeZoneOf } from '../bot/activity-info.ts';
import { replyWith, type TurnDeps } from '../handlers/turn-deps.ts';
import { renderNotesCard, renderReleaseCard, renderReleaseListCard } from './render.ts';
import { renderReleaseForm } from './render-form.ts';

/** `release …` subcommands, for the help text (the manifest lists `release` once; Teams allows ten commands). */
export const RELEASE_HELP =
  'release new · release list · release show REL-1 · release add CHG-1 REL-1 · release remove CHG-1 REL-1 · ' +
  'release start REL-1 · release complete REL-1 · release expose REL-1 <step> · release move REL-1 2026-03-12T10:00 · ' +
  'release cancel REL-1 · release skip REL-1 | <model> · release notes REL-1';

/**
 * A typed `release …` command: parse → use case or query → reply (in the conversation where it was typed).
 * A refusal is a reply to the one who typed it and changes nothing.
 */
export async function onReleaseCommand(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  args: string,
): Promise<void> {
  const { ctx } = deps;
  const words = args.split(/\s+/).filter(Boolean);
  const sub = (words[0] ?? '').toLowerCase();
  const say = (text: string) => replyWith(context, deps, text);
  const said = (result: Result<unknown, DomainError>, done: string) =>
    say(result.ok ? done : result.error.message);

  if (sub === '' || sub === 'help') return void (await say(`Release commands: ${RELEASE_HELP}`));
  if (sub === 'new') {
    if (releaseModels(ctx).length === 0)
      return void (await say('No release models are defined in the policy yet.'));
    const timeZone = timeZoneOf(context.activity, ctx.policy.defaults.timezone);
    return void (await replyWith(
      context,
      deps,
      renderReleaseForm({ models: releaseModels(ctx), inputs: {}, errors: {}, timeZone }),
    ));
  }
  if (sub === 'list') {
    const now = ctx.clock();
    const upcoming = ctx.repos.releases.listStartingBetween(
      now,
      new Date(now.getTime() + 30 * 86_400_000),
      ['planned', 'ready', 'in_progress'],
      20,
    );
    return void (await replyWith(
      context,
      deps,
      renderReleaseListCard(releasesManagedBy(ctx, actor.person), upcoming),
    ));
  }
  if (!isReleaseTargetSubcommand(sub))
    return void (await say(
      `"${sub.slice(0, 40)}" is not a release command. Release commands: ${RELEASE_HELP}`,
    ));

  const read = readReleaseTarget(ctx, sub, words);
  switch (read.kind) {
    case 'no_change':
      return void (await say(`Which change? Type "release ${sub} CHG-12 REL-3".`));
    // A train without an upcoming instance names no release either.
    case 'no_instance':
    case 'no_release': {
      const withChange = read.kind === 'no_release' && read.withChange;
      return void (await say(`Which release? Type "release ${sub} ${withChange ? 'CHG-12 ' : ''}REL-3".`));
    }
    case 'missing':
      return void (await say(`${read.key} does not exist.`));
  }
  const { target } = read;
  const { releaseId, key, release } = target;

  switch (sub) {
    case 'show':
    case 'complete': {
      // Completing needs an outcome: the card's "Complete" form asks for it.
      const view = releaseCard(ctx, releaseId);
      const hint =
        sub === 'complete'
          ? { text: 'Use "Complete" below to record the outcome.', tone: 'default' as const }
          : undefined;
      if (view) await replyWith(context, deps, renderReleaseCard(view, hint));
      return;
    }
    case 'notes':
      await replyWith(context, deps, renderNotesCard(key, release.name, notesOf(ctx, releaseId)));
      return;
  }
  if (!isReleaseChangeSubcommand(sub)) return;
  const ran = runReleaseCommand(ctx, actor, sub, target);
  if (ran.kind === 'bad_time')
    return void (await say(`When? Type the new start as 2026-03-12T10:00 (${ran.zone}).`));
  await said(ran.result, done(sub, target));
}

/** What the reply says when a subcommand's use case succeeded. */
function done(sub: ReleaseChangeSubcommand, { key, changeId }: ReleaseTarget): string {
  switch (sub) {
    case 'add':
      return `CHG-${changeId} rides ${key}.`;
    case 'remove':
      return `CHG-${changeId} was dropped from ${key}.`;
    case 'start':
      return `${key} has started.`;
    case 'cancel':
      return `${key} is cancelled.`;
    case 'skip':
      return `${key} is skipped; the channel is told.`;
    case 'expose':
      return `Exposure of ${key} recorded.`;
    case 'move':
      return `${key} moved; its reminders are planned afresh.`;
  }
}
