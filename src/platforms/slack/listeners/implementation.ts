import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { changeCard } from '../../../app/queries.ts';
import { cancelChange, completeChange, startImplementation } from '../../../app/use-cases/implementation.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { OUTCOMES, type Outcome } from '../../../domain/change/types.ts';
import { readInput, readText } from '../forms/view-values.ts';
import { ACTION, decodeChangeRef, VIEW } from '../ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { completeModal } from '../render/modals.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

const COMPLETE_BLOCKS = ['outcome', 'note', 'incidentsCaused'];

/** Start, Complete (with outcome) and Cancel from a card; the card follows through the refresh job. */
export function registerImplementation(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;

  app.action(
    ACTION.start,
    buttonListener(deps, 'start', async (args: ButtonArgs) => {
      const { changeId } = decodeChangeRef(args.action.value);
      const actor = await identity.actorFor(args.body.user.id);
      const result = startImplementation(ctx, actor, { changeId });
      await args.ack();
      if (!result.ok) await notePrivately(args, present.refusal(result.error));
    }),
  );

  app.action(
    ACTION.cancel,
    buttonListener(deps, 'cancel', async (args: ButtonArgs) => {
      const { changeId } = decodeChangeRef(args.action.value);
      const actor = await identity.actorFor(args.body.user.id);
      const result = cancelChange(ctx, actor, { changeId, reason: null });
      await args.ack();
      if (!result.ok) await notePrivately(args, present.refusal(result.error));
    }),
  );

  app.action(
    ACTION.complete,
    buttonListener(deps, 'complete', async (args: ButtonArgs) => {
      const ref = decodeChangeRef(args.action.value);
      await args.ack();
      const card = changeCard(ctx, ref.changeId, 'cab');
      if (!card) return notePrivately(args, `:mag: ${formatChangeKey(ref.changeId)} does not exist.`);
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: completeModal(card, ref) });
    }),
  );

  const submit = async ({ ack, body, view }: SubmitArgs) => {
    const { changeId } = decodeChangeRef(view.private_metadata);
    const values = view.state.values;
    const outcome = readInput(values, 'outcome');
    if (typeof outcome !== 'string' || !(OUTCOMES as readonly string[]).includes(outcome)) {
      return ack({ response_action: 'errors', errors: { outcome: 'Choose how it went.' } });
    }
    const incidentsText = readText(values, 'incidentsCaused') || '0';
    const incidents = /^\d+$/.test(incidentsText) ? Number(incidentsText) : Number.NaN;
    const actor = await identity.actorFor(body.user.id);
    const result = completeChange(ctx, actor, {
      changeId,
      outcome: outcome as Outcome,
      note: readText(values, 'note') || null,
      incidentsCaused: incidents,
    });
    if (!result.ok) return ack(present.viewErrors(result.error, COMPLETE_BLOCKS, 'outcome'));
    await ack();
  };
  app.view(
    VIEW.complete,
    guarded(deps, 'complete submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { outcome: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
