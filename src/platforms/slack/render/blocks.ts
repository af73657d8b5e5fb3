import type { types } from '@slack/bolt';
import { LIMITS } from './limits.ts';
import { cutEscaped, fitPlain } from './mrkdwn.ts';

export type Block = types.KnownBlock;
export type Button = types.Button;

/** Small Block Kit builders; every one cuts its text to Slack's limit, so no renderer can exceed it. */
export const plain = (text: string, max: number = LIMITS.sectionText): types.PlainTextElement => ({
  type: 'plain_text',
  text: fitPlain(text, max),
  emoji: true,
});

/** `text` must already be escaped mrkdwn (see mrkdwn.ts). */
export const md = (text: string, max: number = LIMITS.sectionText): types.MrkdwnElement => ({
  type: 'mrkdwn',
  text: cutEscaped(text, max),
});

export const section = (text: string, blockId?: string): types.SectionBlock => ({
  type: 'section',
  ...(blockId ? { block_id: blockId } : {}),
  text: md(text),
});

export const fields = (items: readonly string[]): types.SectionBlock => ({
  type: 'section',
  fields: items.slice(0, LIMITS.sectionFields).map((t) => md(t, LIMITS.fieldText)),
});

export const header = (text: string): types.HeaderBlock => ({
  type: 'header',
  text: plain(text, LIMITS.headerText),
});

export const context = (texts: readonly string[]): types.ContextBlock => ({
  type: 'context',
  elements: texts.slice(0, LIMITS.contextElements).map((t) => md(t)),
});

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export function button(
  text: string,
  actionId: string,
  value: string,
  opts: { style?: 'primary' | 'danger'; confirm?: types.ConfirmationDialog } = {},
): Button {
  if (value.length > LIMITS.buttonValue)
    throw new RangeError(`button value longer than ${LIMITS.buttonValue}`);
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, LIMITS.buttonText),
    value,
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.confirm ? { confirm: opts.confirm } : {}),
  };
}

export const actions = (elements: readonly Button[], blockId?: string): types.ActionsBlock => ({
  type: 'actions',
  ...(blockId ? { block_id: blockId } : {}),
  elements: elements.slice(0, LIMITS.actionsElements),
});

export const confirmDialog = (title: string, text: string, confirm: string): types.ConfirmationDialog => ({
  title: plain(title, 100),
  text: plain(text, 300),
  confirm: plain(confirm, 30),
  deny: plain('Not now', 30),
});

/** Keeps a message under the block limit: the last block is replaced by a note saying how many were left out. */
export function capBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  const kept = blocks.slice(0, max - 1);
  kept.push(context([`…${blocks.length - kept.length} more blocks left out.`]));
  return kept;
}
