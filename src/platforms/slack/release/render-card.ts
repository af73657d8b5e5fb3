import type { types } from '@slack/bolt';
import type { ReleaseCardView, ReleaseChangeLine } from '../../../domain/release/views.ts';
import {
  actions,
  type Block,
  type Button,
  button,
  capBlocks,
  confirmDialog,
  context,
  divider,
  fields,
  header,
  plain,
  section,
} from '../render/blocks.ts';
import type { SlackMessage } from '../render/card.ts';
import { LIMITS } from '../render/limits.ts';
import { escapeMrkdwn, fitLines, fitMrkdwn, oneLine, slackDate } from '../render/mrkdwn.ts';
import { checklistBlockId, encodeReleaseRef, RELEASE_ACTION } from './ids.ts';

const STATE_ICON: Record<string, string> = {
  planned: ':spiral_calendar_pad:',
  ready: ':white_check_mark:',
  in_progress: ':arrow_forward:',
  completed: ':checkered_flag:',
  cancelled: ':heavy_multiplication_x:',
  skipped: ':fast_forward:',
};

/** "CHG-3 Upgrade the wiki — Awaiting approval (waiting on Alice, Bob)" with an approval icon. */
export function changeLineText(line: ReleaseChangeLine): string {
  const icon = line.approved ? ':white_check_mark:' : ':hourglass_flowing_sand:';
  const waiting =
    line.waitingOn.length > 0
      ? ` (waiting on ${line.waitingOn.map((n) => escapeMrkdwn(oneLine(n))).join(', ')})`
      : '';
  return `${icon} *${line.key}* ${fitMrkdwn(oneLine(line.title), 200).text} — ${line.stateLabel}${waiting}`;
}

function checklistBlocks(card: ReleaseCardView): Block[] {
  const manual = card.checklist.filter((i) => i.auto === null);
  const computed = card.checklist.filter((i) => i.auto !== null);
  const blocks: Block[] = [];
  const lines = computed.map(
    (i) =>
      `${i.done ? ':white_check_mark:' : ':hourglass_flowing_sand:'} ${escapeMrkdwn(i.label)} _(computed)_`,
  );
  if (card.checklistEditable && manual.length > 0) {
    const option = (i: (typeof manual)[number]): types.Option => ({
      text: plain(i.label, LIMITS.optionText),
      value: String(i.index),
      ...(i.done && i.by ? { description: plain(`by ${i.by}`, LIMITS.optionText) } : {}),
    });
    const options = manual.slice(0, 10).map(option);
    const done = manual
      .slice(0, 10)
      .filter((i) => i.done)
      .map(option);
    blocks.push({
      type: 'section',
      block_id: checklistBlockId(card.releaseId),
      text: { type: 'mrkdwn', text: '*Checklist*' },
      accessory: {
        type: 'checkboxes',
        action_id: RELEASE_ACTION.checklist,
        options,
        ...(done.length > 0 ? { initial_options: done } : {}),
      },
    });
  } else {
    lines.unshift(
      ...manual.map(
        (i) => `${i.done ? ':ballot_box_with_check:' : ':white_large_square:'} ${escapeMrkdwn(i.label)}`,
      ),
    );
    lines.unshift('*Checklist*');
  }
  if (lines.length > 0) blocks.push(section(lines.join('\n')));
  return blocks;
}

const ACTION_BUTTONS = {
  ready: (ref: string) => button('Mark ready', RELEASE_ACTION.ready, ref),
  start: (ref: string) => button('Start release', RELEASE_ACTION.start, ref, { style: 'primary' }),
  complete: (ref: string) => button('Complete', RELEASE_ACTION.complete, ref, { style: 'primary' }),
  skip: (ref: string) =>
    button('Skip', RELEASE_ACTION.skip, ref, {
      confirm: confirmDialog('Skip this release?', 'The channel is told it will not run.', 'Skip'),
    }),
  cancel: (ref: string) =>
    button('Cancel', RELEASE_ACTION.cancel, ref, {
      style: 'danger',
      confirm: confirmDialog('Cancel this release?', 'The channel is told.', 'Cancel release'),
    }),
  notes: (ref: string) => button('Release notes', RELEASE_ACTION.notes, ref),
} as const;

/** The live release card in the model's channels: state, window, manager, checklist, changes, actions. */
export function renderReleaseCard(card: ReleaseCardView, tz: string): SlackMessage {
  const ref = encodeReleaseRef({ releaseId: card.releaseId });
  const blocks: Block[] = [
    header(`${card.key} ${oneLine(card.name)}`),
    fields([
      `*State*\n${STATE_ICON[card.state] ?? ''} ${card.stateLabel}${card.outcome ? ` — ${card.outcome}` : ''}`,
      `*Model*\n${escapeMrkdwn(card.modelName)}`,
      `*Window*\n${slackDate(card.windowStart, tz)} – ${slackDate(card.windowEnd, tz)}`,
      `*Release manager*\n${card.managerName ? escapeMrkdwn(card.managerName) : '_nobody yet_'}`,
    ]),
    divider(),
    ...checklistBlocks(card),
    section(
      card.changes.length === 0
        ? `*Changes*\n_No changes yet: add one with \`/release add CHG-n ${card.key}\`._`
        : `*Changes* (${card.changes.filter((c) => c.approved).length} of ${card.changes.length} approved)\n${fitLines(card.changes.map(changeLineText), LIMITS.sectionText - 60)}`,
    ),
  ];
  if (card.exposures.length > 0) {
    blocks.push(
      context([
        `*Exposure:* ${card.exposures.map((e) => `${escapeMrkdwn(e.step)} (${escapeMrkdwn(e.by)})`).join(' → ')}`.slice(
          0,
          2900,
        ),
      ]),
    );
  }
  if (card.notes) blocks.push(context([`*Notes:* ${fitMrkdwn(card.notes, 1500).text}`]));
  const buttons: Button[] = card.actions.map((a) => ACTION_BUTTONS[a](ref));
  if (buttons.length > 0) blocks.push(actions(buttons, `release.actions.${card.releaseId}`));
  return {
    text: `${card.key} ${fitMrkdwn(oneLine(card.name), 200).text}: ${card.stateLabel}`,
    blocks: capBlocks(blocks, LIMITS.messageBlocks),
  };
}
