import { changeCard } from '../../../app/queries.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { ACTION, decodeChangeRef } from '../ids.ts';
import { detailsModal } from '../render/modals.ts';
import { type ButtonArgs, buttonListener } from './action-args.ts';
import type { ListenerDeps } from './deps.ts';
import { notePrivately } from './reply.ts';
import type { SlackListeners } from './router.ts';

/** "Show full plan" / "Details": the whole change in a modal, where no text is cut to a card's size. */
export function registerDetails(app: SlackListeners, deps: ListenerDeps): void {
  app.action(
    ACTION.details,
    buttonListener(deps, 'details', async (args: ButtonArgs) => {
      const { changeId } = decodeChangeRef(args.action.value);
      await args.ack();
      const card = changeCard(deps.ctx, changeId, 'cab');
      if (!card) return notePrivately(args, `:mag: ${formatChangeKey(changeId)} does not exist.`);
      await args.client.views.open({
        trigger_id: args.body.trigger_id,
        view: detailsModal(card, deps.ctx.policy.defaults.timezone),
      });
    }),
  );
}
