import { describe, expect, it } from 'vitest';
import { explainChange } from '../../../../src/domain/approval/explain.ts';
import { renderCard } from '../../../../src/platforms/slack/render/card.ts';
import { explainMessage } from '../../../../src/platforms/slack/render/explain.ts';
import { LIMITS } from '../../../../src/platforms/slack/render/limits.ts';
import { stepUpModal } from '../../../../src/platforms/slack/render/step-up-modal.ts';
import { MEDIUM_ANSWERS, makePolicy } from '../../../domain/fixtures.ts';
import { cabCard } from './card-fixture.ts';
import { limitBreaches } from './limits-check.ts';

const LONG = `<!channel> ${'x'.repeat(2988)}`;

describe('the Slack approval views stay inside Block Kit’s limits with the longest input', () => {
  it('the step-up modal shows every plan in full, escaped', () => {
    const card = cabCard({
      implementationPlan: LONG,
      backoutPlan: LONG,
      testPlan: LONG,
      title: LONG.slice(0, 200),
    });
    const view = stepUpModal({ card, fingerprint: 'a'.repeat(32) }, 'Europe/Berlin');
    expect(limitBreaches(view.blocks as never[], LIMITS.viewBlocks)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).not.toContain('<!channel>');
    expect(text.split('x'.repeat(100)).length).toBeGreaterThan(3 * 29);
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({
      changeId: 7,
      version: 2,
      fingerprint: 'a'.repeat(32),
    });
  });

  it('the card with a long diff and an objection stays within limits and escapes them', () => {
    const message = renderCard(
      cabCard({
        sinceVotes: {
          fromVersion: 1,
          lines: Array.from({ length: 200 }, () => '  + <!here> a changed line'),
        },
        objectionWindow: {
          deadline: new Date('2026-03-02T13:00:00Z'),
          objection: { by: '<@U1>', reason: LONG },
        },
      }),
      'UTC',
    );
    expect(limitBreaches(message.blocks as never[], LIMITS.messageBlocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toMatch(/<!here>|<@U1>|<!channel>/);
  });

  it('the explanation of a change with a long title stays within limits', () => {
    const view = explainChange({
      change: {
        id: 7,
        title: LONG,
        type: 'normal',
        state: 'authorise',
        version: 1,
        services: ['wiki'],
        riskAnswers: MEDIUM_ANSWERS,
        riskScore: 6,
        riskLevel: 'medium',
        modelId: null,
        boardId: 'cab',
        approvalRoute: {
          type: 'normal',
          risk: ['medium'],
          board: 'cab',
          rule: { kind: 'n_of_m', n: 2 },
          veto: false,
        },
      },
      policy: makePolicy(),
      requester: { email: 'rita@example.com' },
      votes: [],
      scheduleFacts: [],
    });
    const message = explainMessage(view);
    expect(limitBreaches(message.blocks as never[], LIMITS.messageBlocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});
