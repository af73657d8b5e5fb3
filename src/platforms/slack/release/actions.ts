import type {
  AllMiddlewareArgs,
  BlockAction,
  CheckboxesAction,
  SlackActionMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
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
import { notesOf } from '../../../app/release/release-queries.ts';
import { parseDuration } from '../../../domain/release/duration.ts';
import { formatReleaseKey } from '../../../domain/release/release-key.ts';
import { RELEASE_OUTCOMES, type ReleaseOutcome } from '../../../domain/release/types.ts';
import type { DomainError, Result } from '../../../domain/result.ts';
import { readInput, readText } from '../forms/view-values.ts';
import { type ButtonArgs, buttonListener } from '../listeners/action-args.ts';
import type { ListenerDeps } from '../listeners/deps.ts';
import { guarded } from '../listeners/guard.ts';
import { notePrivately, sendDm } from '../listeners/reply.ts';
import type { SlackListeners } from '../listeners/router.ts';
import { escapeMrkdwn } from '../render/mrkdwn.ts';
import { checklistToggles } from './checklist-toggles.ts';
import {
  decodeReleaseChangeRef,
  decodeReleaseRef,
  RELEASE_ACTION,
  RELEASE_VIEW,
  releaseIdOfBlock,
} from './ids.ts';
import { notesText } from './render-message.ts';
import { completeReleaseModal, note } from './render-text.ts';

type CheckboxArgs = SlackActionMiddlewareArgs<BlockAction<CheckboxesAction>> & AllMiddlewareArgs;
type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Buttons and checkboxes of release cards and reminders; the card follows through the refresh job. */
export function registerReleaseActions(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;

  /** A button that runs one use case; a refusal reaches only the clicker, and changes nothing. */
  const simple = (
    actionId: string,
    run: (args: ButtonArgs) => Promise<Result<unknown, DomainError>>,
    done?: (args: ButtonArgs) => string,
  ) =>
    app.action(
      actionId,
      buttonListener(deps, actionId, async (args: ButtonArgs) => {
        const result = await run(args);
        await args.ack();
        if (!result.ok) await notePrivately(args, present.refusal(result.error));
        else if (done) await notePrivately(args, done(args));
      }),
    );

  const actorOf = (args: ButtonArgs) => identity.actorFor(args.body.user.id);
  const ref = (args: ButtonArgs) => decodeReleaseRef(args.action.value);

  simple(RELEASE_ACTION.ready, async (a) => markReady(ctx, await actorOf(a), ref(a)));
  simple(RELEASE_ACTION.start, async (a) => startRelease(ctx, await actorOf(a), ref(a)));
  simple(RELEASE_ACTION.skip, async (a) => skipRelease(ctx, await actorOf(a), { ...ref(a), reason: null }));
  simple(RELEASE_ACTION.cancel, async (a) =>
    cancelRelease(ctx, await actorOf(a), { ...ref(a), reason: null }),
  );
  simple(
    RELEASE_ACTION.drop,
    async (a) => removeChange(ctx, await actorOf(a), decodeReleaseChangeRef(a.action.value)),
    (a) => {
      const r = decodeReleaseChangeRef(a.action.value);
      return `:heavy_minus_sign: CHG-${r.changeId} was dropped from ${formatReleaseKey(r.releaseId)}.`;
    },
  );

  app.action(
    RELEASE_ACTION.nudge,
    buttonListener(deps, 'release nudge', async (args: ButtonArgs) => {
      const result = nudgeApprovers(ctx, await actorOf(args), decodeReleaseChangeRef(args.action.value));
      await args.ack();
      await notePrivately(
        args,
        result.ok
          ? `:bell: Nudged ${result.value.nudged.map(escapeMrkdwn).join(', ') || 'nobody (no approver is known yet)'}.`
          : present.refusal(result.error),
      );
    }),
  );

  app.action(
    RELEASE_ACTION.notes,
    buttonListener(deps, 'release notes', async (args: ButtonArgs) => {
      const { releaseId } = ref(args);
      await args.ack();
      const release = ctx.repos.releases.get(releaseId);
      if (!release) return notePrivately(args, `:mag: ${formatReleaseKey(releaseId)} does not exist.`);
      const head = `*Release notes of ${formatReleaseKey(releaseId)} ${escapeMrkdwn(release.name)}*`;
      await notePrivately(args, `${head}\n${notesText(notesOf(ctx, releaseId))}`);
    }),
  );

  app.action(
    RELEASE_ACTION.complete,
    buttonListener(deps, 'release complete', async (args: ButtonArgs) => {
      const { releaseId } = ref(args);
      await args.ack();
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: completeReleaseModal(formatReleaseKey(releaseId), releaseId),
      });
    }),
  );

  // The checklist's checkboxes: the selection as the clicker sees it, against what is stored.
  app.action(
    RELEASE_ACTION.checklist,
    guarded<CheckboxArgs>(
      deps,
      'release checklist',
      async (args) => {
        const releaseId = releaseIdOfBlock(args.action.block_id);
        const actor = await identity.actorFor(args.body.user.id);
        const picked = (args.action.selected_options ?? []).map((o) => Number(o.value));
        const selected = new Set(picked);
        const { body } = args;
        const shown = (body.message?.blocks ?? body.view?.blocks) as Parameters<typeof checklistToggles>[0];
        const changed =
          checklistToggles(shown, args.action.block_id, picked) ??
          (ctx.repos.releases.get(releaseId)?.checklist ?? [])
            .map((item, index) => ({ item, index, done: selected.has(index) }))
            .filter(({ item, index }) => item.auto === null && item.done !== selected.has(index));
        const results = changed.map(({ index, done }) =>
          tickChecklist(ctx, actor, { releaseId, index, done }),
        );
        await args.ack();
        const refused = results.find((r) => !r.ok);
        if (refused && !refused.ok) await notePrivately(args, present.refusal(refused.error));
      },
      { late: (args, text) => notePrivately(args, `:warning: ${text}`) },
    ),
  );

  const submitForm = async ({ ack, body, view }: SubmitArgs) => {
    const values = view.state.values;
    const windowText = readText(values, 'window');
    const minutes = windowText ? parseDuration(windowText) : null;
    if (minutes && !minutes.ok)
      return ack({ response_action: 'errors', errors: { window: 'Give a duration such as 2h or 90m.' } });
    const start = readInput(values, 'start');
    const actor = await identity.actorFor(body.user.id);
    const result = createRelease(ctx, actor, {
      modelId: String(readInput(values, 'model') ?? ''),
      name: readText(values, 'name'),
      start: typeof start === 'string' ? new Date(start) : null,
      minutes: minutes?.ok ? minutes.value : null,
    });
    if (!result.ok)
      return ack(present.viewErrors(result.error, ['model', 'name', 'start', 'window'], 'model'));
    await ack();
  };

  const submitComplete = async ({ ack, body, view }: SubmitArgs) => {
    const { releaseId } = decodeReleaseRef(view.private_metadata);
    const outcome = readInput(view.state.values, 'outcome');
    if (typeof outcome !== 'string' || !(RELEASE_OUTCOMES as readonly string[]).includes(outcome))
      return ack({ response_action: 'errors', errors: { outcome: 'Choose how it went.' } });
    const actor = await identity.actorFor(body.user.id);
    const result = completeRelease(ctx, actor, {
      releaseId,
      outcome: outcome as ReleaseOutcome,
      notes: readText(view.state.values, 'notes') || null,
    });
    if (!result.ok) return ack(present.viewErrors(result.error, ['outcome', 'notes'], 'outcome'));
    await ack();
  };

  const routes = (block: string) => ({
    early: (_args: SubmitArgs, text: string) => ({ response_action: 'errors', errors: { [block]: text } }),
    late: (args: SubmitArgs, text: string) =>
      sendDm(args.client, args.body.user.id, note(`:warning: ${text}`)),
  });
  app.view(RELEASE_VIEW.form, guarded(deps, 'release form', submitForm, routes('model')));
  app.view(RELEASE_VIEW.complete, guarded(deps, 'release complete', submitComplete, routes('outcome')));
}
