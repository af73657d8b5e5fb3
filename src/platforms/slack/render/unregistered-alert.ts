import type { types } from '@slack/bolt';
import type { UnregisteredAlertView } from '../../../domain/views/unregistered-alert.ts';
import { actions, button, context, header, plain, section } from './blocks.ts';
import type { SlackMessage } from './card.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, safeLink, slackDate } from './mrkdwn.ts';

/** Action ids and the modal's callback id of the unregistered-deployment alert. */
export const GATE_ACTION = {
  register: 'gate.unregistered.register',
  acknowledge: 'gate.unregistered.ack',
} as const;
export const GATE_VIEW = { acknowledge: 'gate.unregistered.ack' } as const;

/** The button value and modal metadata: a reference, never state. */
export const encodeAlertRef = (unregisteredId: number): string => JSON.stringify({ unregisteredId });
export function decodeAlertRef(value: string | undefined): number | null {
  try {
    const id = (JSON.parse(value ?? '') as { unregisteredId?: unknown }).unregisteredId;
    return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

const what = (v: UnregisteredAlertView) => escapeMrkdwn(`${v.service} ${v.version} → ${v.environment}`);

/** The direct message to a change manager: what was deployed, by which pipeline, and the two ways out. */
export function renderUnregisteredAlert(view: UnregisteredAlertView, tz: string): SlackMessage {
  const run = view.runUrl ? ` · ${safeLink(view.runUrl, 'pipeline run')}` : '';
  const blocks: types.KnownBlock[] = [
    header('Unregistered deployment'),
    section(
      `*${what(view)}* was deployed ${slackDate(view.at, tz)} by \`${escapeMrkdwn(view.reportedBy)}\`${run}, and no approved change covered it.`,
    ),
  ];
  if (view.resolution) blocks.push(context([escapeMrkdwn(view.resolution)]));
  if (view.actions.length > 0) {
    const ref = encodeAlertRef(view.unregisteredId);
    blocks.push(
      actions(
        [
          button('Register as emergency change', GATE_ACTION.register, ref, { style: 'primary' }),
          button('Acknowledge…', GATE_ACTION.acknowledge, ref),
        ],
        `unregistered.${view.unregisteredId}`,
      ),
    );
  }
  return { text: `Unregistered deployment: ${what(view)}`, blocks };
}

/** Acknowledge with a reason (required). */
export function acknowledgeModal(view: UnregisteredAlertView): types.ModalView {
  return {
    type: 'modal',
    callback_id: GATE_VIEW.acknowledge,
    title: plain('Acknowledge deployment', LIMITS.viewTitle),
    submit: plain('Acknowledge', LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewSubmit),
    private_metadata: encodeAlertRef(view.unregisteredId),
    blocks: [
      section(`*${what(view)}* needed no change because…`),
      {
        type: 'input',
        block_id: 'reason',
        label: plain('Reason', LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 3000 },
      },
    ],
  };
}
