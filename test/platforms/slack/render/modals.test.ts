import type { types } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { reviewModal } from '../../../../src/platforms/slack/render/modals.ts';
import { mrkdwnTexts } from '../block-kit.ts';
import { limitBreaches } from './limits-check.ts';

describe('the review modal', () => {
  it('asks yes or no, a required summary and optional lessons, and carries only the change id', () => {
    const view = reviewModal(
      { key: 'CHG-7', title: 'Upgrade the wiki', outcome: { label: 'Failed', note: 'Broke <!here>' } },
      { changeId: 7 },
    );
    expect(view.callback_id).toBe('change.review');
    expect(view.private_metadata).toBe('{"changeId":7}');
    expect(view.submit?.text).toBe('Record review');
    const inputs = view.blocks.filter((b): b is types.InputBlock => b.type === 'input');
    expect(inputs.map((b) => [b.block_id, b.optional ?? false, b.element.type])).toEqual([
      ['metGoal', false, 'radio_buttons'],
      ['summary', false, 'plain_text_input'],
      ['lessons', true, 'plain_text_input'],
    ]);
    const radio = inputs[0]?.element as { options: { value: string }[]; initial_option?: unknown };
    expect(radio.options.map((o) => o.value)).toEqual(['yes', 'no']);
    // No answer is chosen for the reviewer: whether it met its goal is theirs to say.
    expect(radio.initial_option).toBeUndefined();
    expect(mrkdwnTexts(view.blocks)).toContain('*Outcome:* Failed — Broke &lt;!here&gt;');
  });

  it('stays within a modal’s limits with the longest title and outcome note', () => {
    const long = 'A&B <@U1> '.repeat(300);
    const view = reviewModal(
      { key: 'CHG-123456', title: long, outcome: { label: 'Rolled back', note: long } },
      { changeId: 123456 },
    );
    expect(view.title.text.length).toBeLessThanOrEqual(LIMITS.viewTitle);
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
  });
});
