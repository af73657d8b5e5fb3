import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChangeboard } from '../../../src/changeboard.ts';
import { silentLogger } from '../../../src/log.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { mrkdwnTexts } from './block-kit.ts';
import { SIGNING_SECRET, slackTestConfig } from './slack-harness.ts';

let dir: string;
let fake: FakeSlackApi;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-slack-digest-'));
  fake = await startFakeSlackApi();
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const policy = {
  ...platformPolicy(),
  digest: {
    cron: '0 9 * * 1',
    timezone: 'Europe/Berlin',
    window: '7d',
    channels: { slack: ['CDIGEST'], teams: [] },
  },
} as const;

/** Starts Changeboard on the database file at `at`, lets its boot catch-up run, and stops it again. */
async function runAt(at: string): Promise<void> {
  const app = await startChangeboard({
    config: {
      ...slackTestConfig({ signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, appToken: null }),
      databasePath: join(dir, 'changeboard.db'),
    },
    policy,
    log: silentLogger,
    clock: () => new Date(at),
    heartbeat: null,
  });
  await app.worker.drain();
  await app.stop();
}

describe('the weekly digest in Slack', () => {
  it('is scheduled at the first start and uploaded to its channel once, by the start after its time', async () => {
    await runAt('2026-03-02T09:00:00Z');
    await runAt('2026-03-09T07:59:00Z');
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(0);
    await runAt('2026-03-09T08:05:00Z');
    await runAt('2026-03-09T08:06:00Z');
    const posts = fake.callsTo('files.completeUploadExternal');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel_id).toBe('CDIGEST');
    expect(mrkdwnTexts(posts[0]?.args.blocks as never).join('\n')).toContain(
      'Change success rate: *no data*',
    );
    expect(fake.callsTo('files.getUploadURLExternal')[0]?.args.filename).toBe('changeboard-metrics-7d.png');
  });
});
