import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mrkdwnTexts } from './block-kit.ts';
import { type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

describe('/change help in Slack', () => {
  it('lists the API-token commands for change managers', async () => {
    const reply = await h.command('UREQ', 'help');
    expect(reply.status).toBe(200);
    const help = mrkdwnTexts(reply.json.blocks).join('\n');
    expect(help).toContain(
      '• `/change token create NAME SCOPE[,SCOPE] | token list | token revoke NAME` — change managers: API tokens for CI/CD pipelines (scopes: gate, deployments, read), answered privately; a new token is shown once',
    );
  });
});
