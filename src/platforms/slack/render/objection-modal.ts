import type { types } from '@slack/bolt';
import type { ChangeCardView } from '../../../domain/views/change-card.ts';
import { encodeRef, type VersionRef } from '../ids.ts';
import { OBJECT_VIEW } from '../objection-ids.ts';
import { capBlocks, plain, section } from './blocks.ts';
import { LIMITS } from './limits.ts';
import { fitMrkdwn, oneLine } from './mrkdwn.ts';

/** Object to a change in its objection window: the reason is required; the submit carries only the reference. */
export function objectionModal(card: ChangeCardView, ref: VersionRef): types.ModalView {
  const input: types.InputBlock = {
    type: 'input',
    block_id: 'reason',
    label: plain('Why do you object?', LIMITS.inputLabel),
    hint: plain(
      'The change then needs a normal CAB vote; the requester and the CAB see your reason.',
      LIMITS.inputHint,
    ),
    element: { type: 'plain_text_input', action_id: 'reason', multiline: true, max_length: 3000 },
  };
  return {
    type: 'modal',
    callback_id: OBJECT_VIEW,
    title: plain(`Object to ${card.key}`, LIMITS.viewTitle),
    submit: plain('Object', LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewSubmit),
    private_metadata: encodeRef(ref),
    blocks: capBlocks(
      [section(`*${card.key}* ${fitMrkdwn(oneLine(card.title), 500).text}`), input],
      LIMITS.viewBlocks,
    ),
  };
}
