import { describe, expect, it } from 'vitest';
import { cardDeployment } from '../../../src/domain/views/deployment-lines.ts';
import { buildUnregisteredAlert } from '../../../src/domain/views/unregistered-alert.ts';
import { renderCard } from '../../../src/platforms/slack/render/card.ts';
import { LIMITS } from '../../../src/platforms/slack/render/limits.ts';
import {
  acknowledgeModal,
  renderUnregisteredAlert,
} from '../../../src/platforms/slack/render/unregistered-alert.ts';
import { renderChangeCard } from '../../../src/platforms/teams/render/change-card.ts';
import { renderUnregisteredAlertCard } from '../../../src/platforms/teams/render/unregistered-alert-card.ts';
import { NOW } from '../../domain/fixtures.ts';
import { mrkdwnTexts } from '../slack/block-kit.ts';
import { cabCard } from '../slack/render/card-fixture.ts';
import { limitBreaches } from '../slack/render/limits-check.ts';
import { cardProblems, cardText, inputsOf, verbsOf } from '../teams/card-structure.ts';

// A pipeline controls these strings: they must notify nobody and break no markup.
const hostile = {
  service: 'web',
  environment: 'production <!channel>',
  version: '1.0 <@U123> *bold*',
  status: 'failed' as const,
  createdAt: NOW,
  runUrl: 'https://ci.example.com/runs/1',
};

describe('deployments on the change card', () => {
  const card = cabCard({
    deployments: [cardDeployment(hostile), cardDeployment({ ...hostile, status: 'started' })],
  });

  it('lists them on the Slack card, escaped, within Block Kit limits', () => {
    const { blocks } = renderCard(card, 'Europe/Berlin');
    const text = mrkdwnTexts(blocks).join('\n');
    expect(text).toContain('*Deployments*');
    expect(text).toContain('web 1.0 &lt;@U123&gt; *bold* → production &lt;!channel&gt;: *Failed*');
    expect(text).toContain('<https://ci.example.com/runs/1|run>');
    expect(text).not.toContain('<!channel>');
    expect(limitBreaches(blocks, LIMITS.messageBlocks)).toEqual([]);
  });

  it('lists them on the Teams card as user text, and the card stays valid', () => {
    const adaptive = renderChangeCard(card, { votes: 'none' });
    expect(cardProblems(adaptive)).toEqual([]);
    const text = cardText(adaptive);
    expect(text).toContain('web 1.0 <@U123> *bold* → production <!channel>');
    expect(text).toContain('Failed');
  });

  it('shows no Deployments section when there are none', () => {
    expect(mrkdwnTexts(renderCard(cabCard(), 'UTC').blocks).join('\n')).not.toContain('Deployments');
  });
});

describe('the unregistered-deployment alert', () => {
  const open = buildUnregisteredAlert({
    unregisteredId: 3,
    deployment: { ...hostile, reportedBy: 'ci-web' },
    status: 'open',
    resolution: null,
  });

  it('offers Register and Acknowledge in Slack, escaped and within limits', () => {
    const { blocks, text } = renderUnregisteredAlert(open, 'UTC');
    expect(text).not.toContain('<!channel>');
    expect(mrkdwnTexts(blocks).join('\n')).not.toContain('<!channel>');
    expect(limitBreaches(blocks, LIMITS.messageBlocks)).toEqual([]);
    const modal = acknowledgeModal(open);
    expect(modal.private_metadata).toBe('{"unregisteredId":3}');
    expect(limitBreaches(modal.blocks as never[], LIMITS.viewBlocks)).toEqual([]);
  });

  it('offers Register and Acknowledge in Teams with a labelled reason, and nothing once resolved', () => {
    const adaptive = renderUnregisteredAlertCard(open);
    expect(cardProblems(adaptive)).toEqual([]);
    expect(verbsOf(adaptive)).toEqual(['register_unregistered', 'ack_unregistered']);
    expect(inputsOf(adaptive).get('ackReason')).toMatchObject({ label: expect.any(String) });
    const resolved = renderUnregisteredAlertCard(
      buildUnregisteredAlert({
        unregisteredId: 3,
        deployment: { ...hostile, reportedBy: 'ci-web' },
        status: 'acknowledged',
        resolution: 'Acknowledged by Dave: config only',
      }),
    );
    expect(verbsOf(resolved)).toEqual([]);
    expect(cardText(resolved)).toContain('Acknowledged by Dave: config only');
  });
});
