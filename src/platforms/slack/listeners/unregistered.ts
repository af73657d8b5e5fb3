import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import {
  acknowledgeUnregistered,
  registerUnregistered,
  unregisteredAlert,
} from '../../../app/gate/unregistered.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { readText } from '../forms/view-values.ts';
import { noteMessage } from '../render/command-text.ts';
import {
  acknowledgeModal,
  decodeAlertRef,
  GATE_ACTION,
  GATE_VIEW,
  renderUnregisteredAlert,
} from '../render/unregistered-alert.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** The unregistered-deployment alert: register as an emergency change, or acknowledge with a reason. */
export function registerUnregisteredAlert(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  const tz = () => ctx.policy.defaults.timezone;
  const gone = ':mag: That unregistered deployment does not exist.';

  app.action(
    GATE_ACTION.register,
    buttonListener(deps, 'unregistered register', async (args: ButtonArgs) => {
      const id = decodeAlertRef(args.action.value);
      const actor = await identity.actorFor(args.body.user.id);
      const result = id === null ? null : registerUnregistered(ctx, actor, { unregisteredId: id });
      await args.ack();
      if (!result) return notePrivately(args, gone);
      if (!result.ok) return notePrivately(args, present.refusal(result.error));
      const view = unregisteredAlert(ctx, id!);
      if (view) await args.respond({ replace_original: true, ...renderUnregisteredAlert(view, tz()) });
      await notePrivately(
        args,
        `:rotating_light: Registered as emergency change ${formatChangeKey(result.value.changeId)}; it now needs its review.`,
      );
    }),
  );

  app.action(
    GATE_ACTION.acknowledge,
    buttonListener(deps, 'unregistered acknowledge', async (args: ButtonArgs) => {
      const id = decodeAlertRef(args.action.value);
      await args.ack();
      const view = id === null ? null : unregisteredAlert(ctx, id);
      if (!view) return notePrivately(args, gone);
      if (view.resolution) return notePrivately(args, `Nothing to do: ${view.resolution}`);
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: acknowledgeModal(view) });
    }),
  );

  const submit = async ({ ack, body, view }: SubmitArgs) => {
    const id = decodeAlertRef(view.private_metadata);
    if (id === null)
      return ack({ response_action: 'errors', errors: { reason: 'This form is out of date.' } });
    const actor = await identity.actorFor(body.user.id);
    const result = acknowledgeUnregistered(ctx, actor, {
      unregisteredId: id,
      reason: readText(view.state.values, 'reason'),
    });
    if (!result.ok) return ack(present.viewErrors(result.error, ['reason'], 'reason'));
    await ack();
  };
  app.view(
    GATE_VIEW.acknowledge,
    guarded(deps, 'unregistered acknowledge submit', submit, {
      early: (_args, text) => ({ response_action: 'errors', errors: { reason: text } }),
      late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
    }),
  );
}
