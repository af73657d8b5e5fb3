import type { UnregisteredAlertView } from '../../../domain/views/unregistered-alert.ts';
import { type AdaptiveCard, type CardElement, card, type ExecuteAction } from './adaptive-card.ts';
import { localDateTime, systemText, userText } from './text.ts';

/** The input of the acknowledgement's reason on the alert card. */
export const ACK_REASON_INPUT = 'ackReason';

/**
 * The alert to a change manager about an unregistered deployment: register it as an emergency change, or
 * acknowledge it with a reason (typed on the card). `error` puts a message under the reason box.
 */
export function renderUnregisteredAlertCard(
  view: UnregisteredAlertView,
  opts: { error?: string; note?: string } = {},
): AdaptiveCard {
  const data = { unregisteredId: view.unregisteredId };
  const body: CardElement[] = [
    systemText('**Unregistered deployment**', { size: 'medium', color: 'attention' }),
    userText(`${view.service} ${view.version} → ${view.environment}`, { weight: 'bolder' }),
    systemText(`Deployed ${localDateTime(view.at)} with no approved change covering it.`, {
      spacing: 'none',
    }),
    userText(`Reported by ${view.reportedBy}${view.runUrl ? ` · ${view.runUrl}` : ''}`, {
      subtle: true,
      max: 400,
    }),
  ];
  if (opts.note) body.push(userText(opts.note, { weight: 'bolder' }));
  if (view.resolution) body.push(userText(view.resolution));
  const actions: ExecuteAction[] = [];
  if (view.actions.length > 0) {
    body.push({
      type: 'Input.Text',
      id: ACK_REASON_INPUT,
      label: 'Reason, to acknowledge it without a change',
      isMultiline: true,
      maxLength: 1000,
      ...(opts.error ? { errorMessage: opts.error } : {}),
    });
    actions.push(
      {
        type: 'Action.Execute',
        title: 'Register as emergency change',
        verb: 'register_unregistered',
        data,
        style: 'positive',
        associatedInputs: 'none',
      },
      {
        type: 'Action.Execute',
        title: 'Acknowledge',
        verb: 'ack_unregistered',
        data,
        associatedInputs: 'auto',
      },
    );
  }
  return card({
    body,
    actions,
    fallbackText: `Unregistered deployment: ${view.service} ${view.version} → ${view.environment}`,
  });
}
