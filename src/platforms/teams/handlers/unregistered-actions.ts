import type { Actor } from '../../../app/context.ts';
import {
  acknowledgeUnregistered,
  registerUnregistered,
  unregisteredAlert,
} from '../../../app/gate/unregistered.ts';
import { formatChangeKey } from '../../../domain/change/change-key.ts';
import { cardReply, errorReply, type InvokeBody, messageReply } from '../errors.ts';
import { ACK_REASON_INPUT, renderUnregisteredAlertCard } from '../render/unregistered-alert-card.ts';
import type { TurnDeps } from './turn-deps.ts';

export const UNREGISTERED_VERBS = ['register_unregistered', 'ack_unregistered'] as const;

/** Register or Acknowledge on an unregistered-deployment alert; the clicker gets the card as it now stands. */
export function onUnregisteredAction(
  deps: TurnDeps,
  actor: Actor,
  verb: (typeof UNREGISTERED_VERBS)[number],
  data: Readonly<Record<string, unknown>>,
): InvokeBody {
  const id = Number(data.unregisteredId);
  if (!Number.isSafeInteger(id) || id <= 0) return errorReply('This card is missing its reference.', 400);
  if (!unregisteredAlert(deps.ctx, id)) return messageReply('That unregistered deployment does not exist.');
  if (verb === 'register_unregistered') {
    const done = registerUnregistered(deps.ctx, actor, { unregisteredId: id });
    const view = unregisteredAlert(deps.ctx, id)!;
    return cardReply(
      renderUnregisteredAlertCard(view, {
        note: done.ok
          ? `Registered as emergency change ${formatChangeKey(done.value.changeId)}; it now needs its review.`
          : done.error.message,
      }),
    );
  }
  const reason = typeof data[ACK_REASON_INPUT] === 'string' ? (data[ACK_REASON_INPUT] as string) : '';
  const done = acknowledgeUnregistered(deps.ctx, actor, { unregisteredId: id, reason });
  const view = unregisteredAlert(deps.ctx, id)!;
  if (!done.ok && done.error.field === 'reason') {
    return cardReply(renderUnregisteredAlertCard(view, { error: done.error.message }));
  }
  return cardReply(renderUnregisteredAlertCard(view, done.ok ? {} : { note: done.error.message }));
}
