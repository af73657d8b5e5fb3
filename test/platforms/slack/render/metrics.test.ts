import { describe, expect, it } from 'vitest';
import type { MetricsView } from '../../../../src/domain/metrics/metrics-view.ts';
import { renderMetricsMessage } from '../../../../src/platforms/slack/render/metrics.ts';
import { limitBreaches } from './limits-check.ts';

const view: MetricsView = {
  title: 'Change metrics',
  scope: 'Last 7 days · <!channel>',
  sections: [
    { heading: 'Changes', facts: [{ label: 'Change success rate', value: '60 % (3 of 5)' }] },
    {
      heading: 'Approvals by board',
      facts: Array.from({ length: 8 }, (_, i) => ({
        label: `Board ${i} `.repeat(30),
        value: 'x'.repeat(400),
      })),
    },
  ],
};

describe('the Slack metrics message', () => {
  it('escapes what it shows and stays inside Block Kit limits', () => {
    const message = renderMetricsMessage(view);
    expect(limitBreaches(message.blocks, 50)).toEqual([]);
    expect(message.text).toBe(
      'Change metrics (Last 7 days · &lt;!channel&gt;): change success rate 60 % (3 of 5)',
    );
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
    expect(message.blocks[2]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: '*Changes*\nChange success rate: *60 % (3 of 5)*' },
    });
  });
});
