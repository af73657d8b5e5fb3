import type { types } from '@slack/bolt';
import type { StepUpPrompt } from '../../../app/approval/step-up-prompt.ts';
import { encodeStepUpRef, STEP_UP_VIEW } from '../step-up-ref.ts';
import { type Block, capBlocks, context, fields, plain, section } from './blocks.ts';
import { windowText } from './card.ts';
import { LIMITS } from './limits.ts';
import { longText } from './modals.ts';
import { escapeMrkdwn, fitMrkdwn, oneLine } from './mrkdwn.ts';

/**
 * The step-up confirmation: the change's fingerprint (window, services, plans) in full, and one deliberate
 * submit that casts the approval, bound to the version and the fingerprint shown here.
 */
export function stepUpModal(prompt: StepUpPrompt, tz: string): types.ModalView {
  const { card } = prompt;
  const blocks: Block[] = [
    section(
      `:warning: *${card.key}* ${fitMrkdwn(oneLine(card.title), 500).text} is *${card.riskLabel} risk*. Check what you approve; *Approve* below records your vote.`,
    ),
    fields([
      `*Window*\n${windowText(card, tz)}`,
      `*Services*\n${card.services.map(escapeMrkdwn).join(', ') || '—'}`,
    ]),
    ...longText('Implementation plan', card.implementationPlan),
    ...longText('Backout plan', card.backoutPlan),
    ...longText('Test plan', card.testPlan),
    context([`Version ${card.version} · fingerprint \`${prompt.fingerprint.slice(0, 12)}\``]),
  ];
  return {
    type: 'modal',
    callback_id: STEP_UP_VIEW,
    title: plain(`Approve ${card.key}?`, LIMITS.viewTitle),
    submit: plain('Approve', LIMITS.viewSubmit),
    close: plain('Cancel', LIMITS.viewSubmit),
    private_metadata: encodeStepUpRef({
      changeId: card.changeId,
      version: card.version,
      fingerprint: prompt.fingerprint,
    }),
    blocks: capBlocks(blocks, LIMITS.viewBlocks),
  };
}
