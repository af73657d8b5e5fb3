import { afterEach, describe, expect, it } from 'vitest';
import { mrkdwnTexts } from './block-kit.ts';
import { MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

describe('/change explain', () => {
  it('answers privately with the route, the risk breakdown, who may still vote and what is missing', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', { ...MEDIUM_RISK, title: 'Wiki <!channel> upgrade' });
    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    const posts = h.callsTo('chat.postMessage').length;

    const reply = await h.command('UOUT', `explain CHG-${id}`);
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
    const text = mrkdwnTexts(reply.json.blocks).join('\n');
    expect(text).toContain('Wiki &lt;!channel&gt; upgrade');
    expect(text).toContain('Route 2 of 4 matched: the first for normal changes that covers risk medium');
    expect(text).toContain('Rule: 2 of 4, decided by Change Advisory Board; a rejection does not veto it.');
    expect(text).toContain('• users see a degraded service (+2)');
    expect(text).toContain('Alice approved version 1.');
    expect(text).toContain('May still vote: Bob, Carol, Dave.');
    expect(text).toContain('1 more approval (1 of 2 so far)');
    expect(text).toContain('*Schedule (freezes and conflicts)*\nNone known for its window.');
    // Nothing was posted anywhere else.
    await h.settle();
    expect(h.callsTo('chat.postMessage')).toHaveLength(posts);
  });

  it('says which change it means when the key is missing or unknown', async () => {
    h = await startSlackHarness();
    expect((await h.command('UALICE', 'explain')).json.text).toContain('Which change?');
    expect((await h.command('UALICE', 'explain CHG-404')).json.text).toBe(':mag: CHG-404 does not exist.');
  });
});
