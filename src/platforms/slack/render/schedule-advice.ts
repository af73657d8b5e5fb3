import type { types } from '@slack/bolt';
import type { ScheduleAdviceView } from '../../../domain/views/schedule-advice.ts';
import { type Block, button, section } from './blocks.ts';
import { LIMITS } from './limits.ts';
import { escapeMrkdwn, fitLines } from './mrkdwn.ts';

/** The form's schedule controls: action ids (a slot button is `schedule.slot.<n>`, unique in its block). */
export const SCHEDULE_ACTION = { check: 'schedule.check', slot: 'schedule.slot' } as const;
export const SCHEDULE_SLOT_PATTERN = /^schedule\.slot\.\d$/;
export const SCHEDULE_BLOCK = {
  check: 'schedule',
  advice: 'schedule_advice',
  slots: 'schedule_slots',
} as const;

/** The window fields' block id at a revision: `plannedStart`, then `plannedStart.r1`, `plannedStart.r2`… */
export const windowBlockId = (field: string, revision: number): string =>
  revision > 0 ? `${field}.r${revision}` : field;

/** The field a block id belongs to (`plannedStart.r2` → `plannedStart`) and its revision. */
export function parseBlockId(blockId: string): { field: string; revision: number } {
  const m = /^(.*)\.r(\d+)$/.exec(blockId);
  return m ? { field: m[1] ?? blockId, revision: Number(m[2]) } : { field: blockId, revision: 0 };
}

/** What a slot button carries: the window it fills in (form data, not state to trust). */
export const encodeSlot = (window: { start: Date; end: Date }): string =>
  JSON.stringify({ start: window.start.toISOString(), end: window.end.toISOString() });

/** The schedule check under the window fields: its button, then what it found and the free slots to pick. */
export function renderScheduleBlocks(advice: ScheduleAdviceView | null): Block[] {
  const blocks: Block[] = [
    {
      type: 'actions',
      block_id: SCHEDULE_BLOCK.check,
      elements: [button('Check window · find free slots', SCHEDULE_ACTION.check, 'check')],
    },
  ];
  if (!advice) return blocks;
  if (advice.pending)
    return [
      ...blocks,
      section(`:information_source: ${escapeMrkdwn(advice.pending)}`, SCHEDULE_BLOCK.advice),
    ];
  const lines = [
    ...advice.problems.map((p) => `:no_entry: ${escapeMrkdwn(p)}`),
    ...advice.warnings.map((w) => `:warning: ${escapeMrkdwn(w)}`),
    ...(advice.problems.length + advice.warnings.length === 0
      ? [':white_check_mark: No conflicts in this window.']
      : []),
    ...(advice.slotNote ? [`:calendar: ${escapeMrkdwn(advice.slotNote)}`] : []),
    ...(advice.slots.length > 0 ? ['*Free windows of the same length* (a click fills the window):'] : []),
  ];
  blocks.push(section(fitLines(lines, LIMITS.sectionText), SCHEDULE_BLOCK.advice));
  if (advice.slots.length > 0) {
    const elements: types.Button[] = advice.slots.map((slot, i) =>
      button(slot.label, `${SCHEDULE_ACTION.slot}.${i}`, encodeSlot(slot.window)),
    );
    blocks.push({ type: 'actions', block_id: SCHEDULE_BLOCK.slots, elements });
  }
  return blocks;
}
