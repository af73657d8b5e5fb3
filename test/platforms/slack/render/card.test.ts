import { describe, expect, it } from 'vitest';
import type { CardAction } from '../../../../src/domain/views/change-card.ts';
import { CARD_TEXT_MAX, renderCard } from '../../../../src/platforms/slack/render/card.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { detailsModal } from '../../../../src/platforms/slack/render/modals.ts';
import { renderNotice } from '../../../../src/platforms/slack/render/notice.ts';
import { buttonIds, mrkdwnTexts } from '../block-kit.ts';
import { cabCard } from './card-fixture.ts';
import { limitBreaches } from './limits-check.ts';

const TZ = 'Europe/Berlin';

describe('the Slack card renderer', () => {
  it('renders a CAB card awaiting approval block by block', () => {
    const { text, blocks } = renderCard(cabCard(), TZ);
    expect(text).toBe('CHG-7 Upgrade the wiki — Normal, Medium risk, Awaiting approval');
    expect(blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'CHG-7 · Upgrade the wiki', emoji: true } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':large_blue_circle: Normal change  ·  :large_yellow_circle: *Medium risk*  ·  *Awaiting approval*',
        },
      },
      {
        type: 'section',
        fields: [
          {
            type: 'mrkdwn',
            text: '*Window*\n<!date^1772787600^{date_short_pretty} {time}|6 Mar 2026, 10:00 CET> – <!date^1772794800^{date_short_pretty} {time}|6 Mar 2026, 12:00 CET>',
          },
          { type: 'mrkdwn', text: '*Services*\nWiki' },
          { type: 'mrkdwn', text: '*Requested by*\nRita' },
          { type: 'mrkdwn', text: '*Change authority*\nChange Advisory Board (2 of 4)' },
        ],
      },
      { type: 'section', text: { type: 'mrkdwn', text: '*Description*\nMove the wiki to 2.4.' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Justification*\nEditors lose work.' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Implementation plan*\nRun the playbook.' } },
      { type: 'section', text: { type: 'mrkdwn', text: '*Backout plan*\nRestore the snapshot.' } },
      { type: 'divider' },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '*Approvals:* 1 of 2 needed (2 of 4)  ·  *Rejections:* 0' }],
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':white_check_mark: *Alice* approved · <!date^1772448120^{date_short_pretty} {time}|2 Mar 2026, 11:42 CET>',
        },
      },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: ':question: *Carol* asked · <!date^1772448600^{date_short_pretty} {time}|2 Mar 2026, 11:50 CET>: Which pages?\n      _waiting for an answer_',
        },
      },
      {
        type: 'actions',
        block_id: 'card.7',
        elements: [
          {
            type: 'button',
            action_id: 'change.approve',
            text: { type: 'plain_text', text: 'Approve', emoji: true },
            value: '{"changeId":7,"version":2}',
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'change.reject',
            text: { type: 'plain_text', text: 'Reject', emoji: true },
            value: '{"changeId":7,"version":2}',
            style: 'danger',
          },
          {
            type: 'button',
            action_id: 'change.request_info',
            text: { type: 'plain_text', text: 'Request info', emoji: true },
            value: '{"changeId":7,"version":2}',
          },
          {
            type: 'button',
            action_id: 'change.details',
            text: { type: 'plain_text', text: 'Details', emoji: true },
            value: '{"changeId":7}',
          },
        ],
      },
    ]);
  });

  it('shows a decided card with a plain status and no vote buttons', () => {
    const card = cabCard({
      state: 'rejected',
      stateLabel: 'Rejected',
      votes: [
        {
          name: 'Bob',
          decision: 'reject',
          at: new Date('2026-03-02T11:00:00Z'),
          reason: 'Clashes with <!subteam^S1> freeze',
        },
      ],
      decision: {
        state: 'rejected',
        label: 'Rejected',
        by: ['Bob'],
        at: new Date('2026-03-02T11:00:00Z'),
        reason: 'Clashes with <!subteam^S1> freeze',
      },
      actions: [],
    });
    const { blocks } = renderCard(card, TZ);
    const all = JSON.stringify(blocks);
    expect(all).toContain(':no_entry: *Rejected* by *Bob* · <!date^1772449200^');
    expect(all).toContain('Clashes with &lt;!subteam^S1&gt; freeze');
    expect(all).not.toContain('<!subteam');
    expect(all).not.toContain('change.approve');
    expect(blocks[1]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: ':large_blue_circle: Normal change  ·  :large_yellow_circle: *Medium risk*  ·  Rejected',
      },
    });
  });

  it('marks an emergency change in the text, the badge line and the fallback', () => {
    const { text, blocks } = renderCard(
      cabCard({ type: 'emergency', typeLabel: 'Emergency', boardName: 'Emergency CAB' }),
      TZ,
    );
    expect(text.startsWith(':rotating_light: EMERGENCY CHG-7')).toBe(true);
    expect(JSON.stringify(blocks[1])).toContain(':rotating_light: *EMERGENCY CHANGE*');
  });

  it('adds the requester’s next step and one Answer button per open question to the requester copy', () => {
    const { blocks } = renderCard(cabCard({ audience: 'requester', actions: ['answer', 'cancel'] }), TZ);
    const all = JSON.stringify(blocks);
    expect(all).toContain('Next: *Change Advisory Board* decides (2 of 4; 1 of 2 approvals so far).');
    const buttons = blocks.at(-1) as {
      elements: { action_id: string; value: string; text: { text: string } }[];
    };
    expect(buttons.elements.map((e) => [e.action_id, e.value, e.text.text])).toEqual([
      ['question.answer.3', '{"questionId":3}', 'Answer Carol'],
      ['change.cancel', '{"changeId":7}', 'Cancel change'],
      ['change.details', '{"changeId":7}', 'Details'],
    ]);
  });

  it('gives every card action its own button, Record review included', () => {
    // Typed as a record over CardAction, so a new action without an expectation here fails to compile.
    const expected: Record<CardAction, string> = {
      approve: 'change.approve',
      reject: 'change.reject',
      request_info: 'change.request_info',
      start: 'change.start',
      complete: 'change.complete',
      review: 'change.review',
      cancel: 'change.cancel',
      answer: 'question.answer.3',
    };
    for (const [action, actionId] of Object.entries(expected) as [CardAction, string][]) {
      const { blocks } = renderCard(cabCard({ actions: [action] }), TZ);
      expect(buttonIds(blocks), action).toEqual([actionId, 'change.details']);
    }
  });

  it('offers Record review on a card in review, with the command as the requester’s next step', () => {
    const card = cabCard({
      audience: 'requester',
      state: 'review',
      stateLabel: 'In review',
      questions: [],
      actions: ['review'],
    });
    const { blocks } = renderCard(card, TZ);
    const buttons = blocks.at(-1) as {
      elements: { action_id: string; value: string; text: { text: string } }[];
    };
    expect(buttons.elements[0]).toMatchObject({
      action_id: 'change.review',
      value: '{"changeId":7}',
      text: { text: 'Record review' },
      style: 'primary',
    });
    expect(JSON.stringify(blocks)).toContain('Record it with *Record review* or `/change review CHG-7`.');
  });

  it('stays inside every Block Kit limit with the longest texts, many votes and questions, and offers the full plan', () => {
    const long = 'A&B <@U1> '.repeat(300).slice(0, 3000);
    const votes = Array.from({ length: 60 }, (_, i) => ({
      name: `Voter ${i} `.repeat(10),
      decision: 'reject' as const,
      at: new Date('2026-03-02T10:00:00Z'),
      reason: long,
    }));
    const questions = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      asker: 'Q'.repeat(200),
      question: long,
      askedAt: new Date('2026-03-02T10:00:00Z'),
      answer: i % 2 ? long : null,
    }));
    const card = cabCard({
      title: 'T&'.repeat(75),
      description: long,
      justification: long,
      implementationPlan: long,
      backoutPlan: long,
      testPlan: long,
      services: Array.from({ length: 100 }, (_, i) => `Service <${i}>`),
      votes,
      questions,
      audience: 'requester',
      actions: ['answer', 'cancel'],
    });
    const { text, blocks } = renderCard(card, TZ);
    expect(limitBreaches(blocks, LIMITS.messageBlocks)).toEqual([]);
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    const all = JSON.stringify(blocks);
    expect(all).toContain('"text":"Show full plan"');
    expect(all).toMatch(/…and \d+ more/);
    // Never a half entity or an unescaped user token in mrkdwn (plain text is not parsed by Slack).
    for (const t of [text, ...mrkdwnTexts(blocks)]) {
      expect(t).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(t).not.toContain('<@U1>');
    }
    const description = (blocks as { type: string; text?: { text: string } }[]).find((b) =>
      b.text?.text.startsWith('*Description*'),
    );
    expect(description?.text?.text.length).toBeLessThanOrEqual(
      '*Description*\n'.length + CARD_TEXT_MAX.description,
    );

    // The full text is reachable: the details modal holds every character, in sections within the limit.
    const modal = detailsModal(card, TZ);
    expect(limitBreaches(modal.blocks, LIMITS.viewBlocks)).toEqual([]);
    const modalText = (modal.blocks as { type: string; text?: { text: string } }[])
      .filter((b) => b.type === 'section' && b.text)
      .map((b) => b.text!.text)
      .join('');
    expect(modalText.split('A&amp;B &lt;@U1&gt; ').length - 1).toBeGreaterThanOrEqual(5 * 299);
  });
});

describe('the Slack notice renderer', () => {
  it('renders a question with an Answer button, the user text escaped', () => {
    expect(
      renderNotice({
        changeId: 7,
        headline: 'Carol asks about CHG-7',
        body: 'Is <!everyone> affected?',
        questionId: 3,
      }),
    ).toEqual({
      text: 'Carol asks about CHG-7',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Carol asks about CHG-7*\n>Is &lt;!everyone&gt; affected?' },
        },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'question.answer.3',
              text: { type: 'plain_text', text: 'Answer', emoji: true },
              value: '{"questionId":3}',
              style: 'primary',
            },
            {
              type: 'button',
              action_id: 'change.details',
              text: { type: 'plain_text', text: 'Details', emoji: true },
              value: '{"changeId":7}',
            },
          ],
        },
      ],
    });
  });
});
