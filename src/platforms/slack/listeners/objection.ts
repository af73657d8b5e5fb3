import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { objectToChange } from '../../../app/approval/objection-window.ts';
import { changeCard } from '../../../app/queries.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { readText } from '../forms/view-values.ts';
import { decodeVersionRef } from '../ids.ts';
import { OBJECT_ACTION, OBJECT_VIEW } from '../objection-ids.ts';
import { noteMessage } from '../render/command-text.ts';
import { objectionModal } from '../render/objection-modal.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { guarded } from './guard.ts';
import { notePrivately, sendDm } from './reply.ts';
import type { SlackListeners } from './router.ts';

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Object (with a reason) to a change in its objection window, from the card's button. */
export function registerObjection(app: SlackListeners, deps: ListenerDeps): void {
  const { ctx, identity, present } = deps;
  app.action(
    OBJECT_ACTION,
    buttonListener(deps, 'object', async (args: ButtonArgs) => {
      const { ack, action, body, client } = args;
      const ref = decodeVersionRef(action.value);
      await ack();
      const card = changeCard(ctx, ref.changeId, 'cab');
      if (!card) return notePrivately(args, `:mag: ${formatChangeKey(ref.changeId)} does not exist.`);
      await client.views.open({ trigger_id: body.trigger_id, view: objectionModal(card, ref) });
    }),
  );
  app.view(
    OBJECT_VIEW,
    guarded(
      deps,
      'object submit',
      async ({ ack, body, view }: SubmitArgs) => {
        const ref = decodeVersionRef(view.private_metadata);
        const actor = await identity.actorFor(body.user.id);
        const done = objectToChange(ctx, actor, { ...ref, reason: readText(view.state.values, 'reason') });
        if (!done.ok) return ack(present.viewErrors(done.error, ['reason'], 'reason'));
        await ack();
      },
      {
        early: (_args, text) => ({ response_action: 'errors', errors: { reason: text } }),
        late: (args, text) => sendDm(args.client, args.body.user.id, noteMessage(`:warning: ${text}`)),
      },
    ),
  );
}
