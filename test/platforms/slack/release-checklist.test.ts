import { describe, expect, it } from 'vitest';
import { checklistToggles } from '../../../src/platforms/slack/release/checklist-toggles.ts';
import { checklistBlock } from './checklist-block.ts';

describe('checklistToggles', () => {
  const blocks = [checklistBlock(1, [0])];
  it('is what the click changed on the card as it was drawn', () => {
    expect(checklistToggles(blocks, 'release.checklist.1', [0, 3])).toEqual([{ index: 3, done: true }]);
    expect(checklistToggles(blocks, 'release.checklist.1', [])).toEqual([{ index: 0, done: false }]);
  });
  it('never names a box the card did not show, and is null without the card', () => {
    expect(checklistToggles(blocks, 'release.checklist.1', [0, 12])).toEqual([]);
    expect(checklistToggles(undefined, 'release.checklist.1', [0])).toBeNull();
    expect(checklistToggles(blocks, 'release.checklist.2', [0])).toBeNull();
  });
});
