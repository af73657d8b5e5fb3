import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
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
  const known = ['show', 'add', 'remove', 'start', 'complete', 'expose', 'move', 'cancel', 'skip', 'notes'];
  if (!known.includes(sub))
    return void (await say(
      `"${sub.slice(0, 40)}" is not a release command. Release commands: ${RELEASE_HELP}`,
    ));

  const withChange = sub === 'add' || sub === 'remove';
  const changeId = withChange ? parseChangeKey(words[1] ?? '') : null;
  let releaseId = parseReleaseKey(words[withChange ? 2 : 1] ?? '');
  if (sub === 'skip' && releaseId === null && words[1] && modelOf(ctx, words[1]))
    releaseId = nextInstanceOf(ctx, words[1])?.id ?? null;
  if (withChange && changeId === null)
    return void (await say(`Which change? Type "release ${sub} CHG-12 REL-3".`));
  if (releaseId === null)
    return void (await say(`Which release? Type "release ${sub} ${withChange ? 'CHG-12 ' : ''}REL-3".`));
  const key = formatReleaseKey(releaseId);
  const release = ctx.repos.releases.get(releaseId);
  if (!release) return void (await say(`${key} does not exist.`));
  const rest = words.slice(2).join(' ');

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
    case 'add':
      await said(addChange(ctx, actor, { releaseId, changeId: changeId! }), `CHG-${changeId} rides ${key}.`);
      return;
    case 'remove':
      await said(
        removeChange(ctx, actor, { releaseId, changeId: changeId! }),
        `CHG-${changeId} was dropped from ${key}.`,
      );
      return;
    case 'start':
      await said(startRelease(ctx, actor, { releaseId }), `${key} has started.`);
      return;
    case 'cancel':
      await said(cancelRelease(ctx, actor, { releaseId, reason: rest || null }), `${key} is cancelled.`);
      return;
    case 'skip':
      await said(
        skipRelease(ctx, actor, { releaseId, reason: rest || null }),
        `${key} is skipped; the channel is told.`,
      );
      return;
    case 'expose':
      await said(recordExposure(ctx, actor, { releaseId, step: rest }), `Exposure of ${key} recorded.`);
      return;
    case 'move': {
      const zone = releaseZone(ctx, release);
      const start = parseLocalDateTime(rest, zone);
      if (!start) return void (await say(`When? Type the new start as 2026-03-12T10:00 (${zone}).`));
      await said(
        moveWindow(ctx, actor, { releaseId, start, end: null }),
        `${key} moved; its reminders are planned afresh.`,
      );
      return;
    }
  }
}
