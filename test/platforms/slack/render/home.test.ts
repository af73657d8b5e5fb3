import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../../../src/domain/change/change.ts';
import { helpMessage, listMessage } from '../../../../src/platforms/slack/render/command-text.ts';
import { HOME_LIST_MAX, renderHome } from '../../../../src/platforms/slack/render/home.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { buttonIds, mrkdwnTexts } from '../block-kit.ts';
import { limitBreaches } from './limits-check.ts';

const change = (id: number, title = `Change <${id}>`): ChangeRecord =>
  ({
    id,
    version: 1,
    type: id % 3 === 0 ? 'emergency' : 'normal',
    state: 'authorise',
    title: title.repeat(5),
    riskLevel: 'medium',
    plannedStart: new Date('2026-03-06T09:00:00Z'),
    plannedEnd: new Date('2026-03-06T11:00:00Z'),
  }) as ChangeRecord;

describe('App Home', () => {
  it('stays within a home tab’s limits with long lists, and points to /change list for the rest', () => {
    const many = Array.from({ length: 40 }, (_, i) => change(i + 1));
    const view = renderHome({ mine: many, awaitingMyVote: many, scheduledSoon: many, timezone: 'UTC' });
    expect(view.type).toBe('home');
    expect(limitBreaches(view.blocks, LIMITS.viewBlocks)).toEqual([]);
    const text = mrkdwnTexts(view.blocks).join('\n');
    expect(text).toContain(`…and ${40 - HOME_LIST_MAX} more: \`/change list\``);
    expect(text).toContain('Change &lt;1&gt;');
    expect(text).not.toContain('<1>');
  });

  it('offers Record review on my own changes that wait for their review, and Details on the others', () => {
    const inReview = { ...change(4), state: 'review' } as ChangeRecord;
    const view = renderHome({
      mine: [change(1), inReview],
      awaitingMyVote: [],
      scheduledSoon: [],
      timezone: 'UTC',
    });
    expect(buttonIds(view.blocks)).toEqual([
      'change.new',
      'change.details',
      'change.review',
      'change.details',
    ]);
    const review = (view.blocks as { elements?: { action_id?: string }[] }[])
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'change.review');
    expect(review).toMatchObject({ value: '{"changeId":4}', text: { text: 'Record review' } });
  });

  it('says so when a list is empty', () => {
    const view = renderHome({ mine: [], awaitingMyVote: [], scheduledSoon: [], timezone: 'UTC' });
    expect(mrkdwnTexts(view.blocks)).toEqual(
      expect.arrayContaining(['Nothing is waiting for your vote.', 'You have no open change requests.']),
    );
  });
});

describe('command replies', () => {
  it('keeps /change list within the limits however long the lists are', () => {
    const many = Array.from({ length: 200 }, (_, i) => change(i + 1, 'x&'.repeat(80)));
    const message = listMessage({ mine: many, awaitingMyVote: many, scheduledSoon: [], timezone: 'UTC' });
    expect(limitBreaches(message.blocks, LIMITS.messageBlocks)).toEqual([]);
    expect(mrkdwnTexts(message.blocks).join('\n')).toMatch(/…and \d+ more/);
  });

  it('quotes an unknown subcommand escaped in the help hint', () => {
    const text = mrkdwnTexts(helpMessage('<!here>').blocks).join('\n');
    expect(text).toContain("I don't know `&lt;!here&gt;`");
  });
});
