import type { TurnContext } from 'botbuilder';
import type { Actor } from '../../../app/context.ts';
import { createRelease } from '../../../app/release/create-release.ts';
import {
  cancelRelease,
  completeRelease,
  markReady,
  removeChange,
  skipRelease,
  startRelease,
  tickChecklist,
} from '../../../app/release/manage-release.ts';
import { nudgeApprovers } from '../../../app/release/nudge.ts';
import { notesOf, releaseCard, releaseModels } from '../../../app/release/release-queries.ts';
import { parseDuration } from '../../../domain/release/duration.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import { RELEASE_OUTCOMES, type ReleaseOutcome } from '../../../domain/release/types.ts';
import type { DomainError, Result } from '../../../domain/result.ts';
import { deliveryKey } from '../bot/activity-info.ts';
import { cardReply, errorReply, type InvokeBody, messageReply } from '../errors.ts';
import { zonedToInstant } from '../forms/zoned-time.ts';
import type { TurnDeps } from '../handlers/turn-deps.ts';
import { RELEASE_INPUT, RELEASE_VERB, renderNotesCard, renderReleaseCard } from './render.ts';
import { type ReleaseFormErrors, renderReleaseForm } from './render-form.ts';

type Data = Readonly<Record<string, unknown>>;
const text = (data: Data, key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
const idOf = (data: Data, key: string): number | null => {
  const n = Number(data[key]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/** The release verb of an `adaptiveCard/action` invoke, or null when it is not a release card's. */
export function releaseVerbOf(context: TurnContext): string | null {
  const verb = (context.activity.value as { action?: { verb?: unknown } } | undefined)?.action?.verb;
  return typeof verb === 'string' && verb.startsWith('release.') ? verb : null;
}

const READS = new Set<string>([RELEASE_VERB.notes, RELEASE_VERB.refresh]);

/** The clicker's fresh view of the release card with a line saying what happened, or why not. */
function cardAfter(
  deps: TurnDeps,
  releaseId: number,
  result: Result<unknown, DomainError>,
  done: string,
): InvokeBody {
  const view = releaseCard(deps.ctx, releaseId);
  const notice = result.ok
    ? { text: done, tone: 'good' as const }
    : { text: result.error.message, tone: 'attention' as const };
  return view ? cardReply(renderReleaseCard(view, notice)) : messageReply(notice.text);
}

function submitForm(context: TurnContext, deps: TurnDeps, actor: Actor, data: Data): InvokeBody {
  const { ctx } = deps;
  const timeZone = text(data, 'tz') || ctx.policy.defaults.timezone;
  const inputs = Object.fromEntries(
    Object.values(RELEASE_INPUT)
      .map((id) => [id, text(data, id)])
      .filter(([, v]) => v !== ''),
  ) as Record<string, string>;
  const errors: Record<string, string> = {};
  const windowText = text(data, RELEASE_INPUT.window).trim();
  const minutes = windowText ? parseDuration(windowText) : null;
  if (minutes && !minutes.ok) errors.window = 'Give a duration such as 2h or 90m.';
  const start = zonedToInstant(
    text(data, RELEASE_INPUT.startDate),
    text(data, RELEASE_INPUT.startTime),
    timeZone,
  );
  const form = (errs: ReleaseFormErrors) =>
    cardReply(renderReleaseForm({ models: releaseModels(ctx), inputs, errors: errs, timeZone }));
  if (Object.keys(errors).length > 0) return form(errors);
  const result = createRelease(ctx, actor, {
    modelId: text(data, RELEASE_INPUT.model),
    name: text(data, RELEASE_INPUT.name),
    start,
    minutes: minutes?.ok ? minutes.value : null,
  });
  if (!result.ok) {
    const field = result.error.field;
    if (field === 'model' || field === 'name' || field === 'start' || field === 'window')
      return form({ [field]: result.error.message });
    return cardReply(
      renderReleaseForm({
        models: releaseModels(ctx),
        inputs,
        errors: {},
        timeZone,
        message: result.error.message,
      }),
    );
  }
  void context;
  const view = releaseCard(ctx, result.value.id);
  return view
    ? cardReply(
        renderReleaseCard(view, {
          text: `${formatReleaseKey(result.value.id)} is planned; its card is in the release channel.`,
          tone: 'good',
        }),
      )
    : messageReply('Planned.');
}

/**
 * An Action.Execute on a release card, a reminder or the release form. Writes run once (a redelivered click
 * gets the current card), and each is one use case: the other copies follow through the refresh job.
 */
export function onReleaseAction(
  context: TurnContext,
  deps: TurnDeps,
  actor: Actor,
  verb: string,
): InvokeBody {
  const { ctx } = deps;
  const value = (context.activity.value ?? {}) as { action?: { data?: Data } };
  const data: Data = value.action?.data && typeof value.action.data === 'object' ? value.action.data : {};
  if (verb === RELEASE_VERB.submit) return submitForm(context, deps, actor, data);
  const releaseId = idOf(data, 'releaseId');
  if (releaseId === null) return errorReply('This card is missing its release reference.', 400);
  const key = formatReleaseKey(releaseId);
  const release = ctx.repos.releases.get(releaseId);
  if (!release) return messageReply(`${key} does not exist.`);
  if (!READS.has(verb)) {
    const delivery = deliveryKey(context.activity);
    if (delivery !== null && !ctx.repos.deliveries.firstTime(delivery, ctx.clock())) {
      const view = releaseCard(ctx, releaseId);
      return view ? cardReply(renderReleaseCard(view)) : messageReply('Already done.');
    }
  }
  const changeId = idOf(data, 'changeId');
  switch (verb) {
    case RELEASE_VERB.refresh: {
      const view = releaseCard(ctx, releaseId);
      return view ? cardReply(renderReleaseCard(view)) : messageReply(`${key} does not exist.`);
    }
    case RELEASE_VERB.notes:
      return cardReply(renderNotesCard(key, release.name, notesOf(ctx, releaseId)));
    case RELEASE_VERB.tick: {
      const index = Number(data.index);
      const done = Number(data.done) === 1;
      return cardAfter(
        deps,
        releaseId,
        tickChecklist(ctx, actor, { releaseId, index, done }),
        done ? 'Ticked.' : 'Unticked.',
      );
    }
    case RELEASE_VERB.ready:
      return cardAfter(deps, releaseId, markReady(ctx, actor, { releaseId }), `${key} is ready.`);
    case RELEASE_VERB.start:
      return cardAfter(deps, releaseId, startRelease(ctx, actor, { releaseId }), `${key} has started.`);
    case RELEASE_VERB.skip:
      return cardAfter(
        deps,
        releaseId,
        skipRelease(ctx, actor, { releaseId, reason: null }),
        `${key} is skipped.`,
      );
    case RELEASE_VERB.cancel:
      return cardAfter(
        deps,
        releaseId,
        cancelRelease(ctx, actor, { releaseId, reason: null }),
        `${key} is cancelled.`,
      );
    case RELEASE_VERB.complete: {
      const outcome = text(data, RELEASE_INPUT.outcome);
      if (!(RELEASE_OUTCOMES as readonly string[]).includes(outcome))
        return cardAfter(
          deps,
          releaseId,
          { ok: false, error: { code: 'invalid_outcome', message: 'Choose how it went.', field: 'outcome' } },
          '',
        );
      const notes = text(data, RELEASE_INPUT.notes) || null;
      return cardAfter(
        deps,
        releaseId,
        completeRelease(ctx, actor, { releaseId, outcome: outcome as ReleaseOutcome, notes }),
        `${key} is complete.`,
      );
    }
    case RELEASE_VERB.nudge: {
      if (changeId === null) return errorReply('This button is missing its change reference.', 400);
      const result = nudgeApprovers(ctx, actor, { releaseId, changeId });
      return messageReply(
        result.ok
          ? `Nudged ${result.value.nudged.join(', ') || 'nobody (no approver is known yet)'}.`
          : result.error.message,
      );
    }
    case RELEASE_VERB.drop: {
      if (changeId === null) return errorReply('This button is missing its change reference.', 400);
      const result = removeChange(ctx, actor, { releaseId, changeId });
      return messageReply(result.ok ? `CHG-${changeId} was dropped from ${key}.` : result.error.message);
    }
    default:
      return errorReply('This button is not supported.', 400);
  }
}
