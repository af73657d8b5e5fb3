import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(() => h.stop());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('/change metrics in Slack', () => {
  it('answers at once, then uploads the chart to a direct message with the figures', async () => {
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UALICE', 'change.approve', JSON.stringify({ changeId: id, version: 1 }));
    await h.settle();
    // The change went out and failed an hour later, with one incident.
    const done = h.clock.now().getTime() + 3_600_000;
    h.app.database.sqlite
      .prepare(
        `UPDATE changes SET state = 'review', outcome = 'failed', incidents_caused = 1, started_at = ?, completed_at = ? WHERE id = ?`,
      )
      .run(done - 60_000, done, id);
    h.clock.advanceMinutes(120);
    h.fake.clear();

    const reply = await h.command('UREQ', 'metrics 7d wiki');
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
    expect(reply.json.text).toContain('Working out the metrics of the last 7 days for wiki');
    // Nothing rendered or uploaded on the ack path.
    expect(h.callsTo('files.getUploadURLExternal')).toHaveLength(0);

    await h.settle();
    const [asked] = h.callsTo('files.getUploadURLExternal');
    expect(asked?.args.filename).toBe('changeboard-metrics-7d.png');
    const [upload] = h.callsTo('file_upload');
    const bytes = h.fake.uploads.get(String(upload?.args.fileId));
    expect(bytes?.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect([bytes?.readUInt32BE(16), bytes?.readUInt32BE(20)]).toEqual([800, 450]);
    expect(Number(asked?.args.length)).toBeGreaterThan(5_000);

    const [complete] = h.callsTo('files.completeUploadExternal');
    expect(complete?.args.channel_id).toBe('DUREQ');
    expect(complete?.args.files).toEqual([
      { id: upload?.args.fileId, title: 'Changes by outcome per week, Last 7 days · wiki' },
    ]);
    const text = mrkdwnTexts(complete?.args.blocks as never).join('\n');
    expect(text).toContain('Change success rate: *0 % (0 of 1)*');
    expect(text).toContain('Outcomes: *0 successful · 0 with issues · 1 failed · 0 rolled back*');
    expect(text).toContain('Incidents caused by changes: *1 (from 1 of 1 changes)*');
    expect(text).toContain('Change Advisory Board: *median');
    // The release and gate records are read: no release finished (0 of 0 reads no data), no deployment
    // reached the gate unregistered (a real zero).
    expect(text).toContain('Successful release rate: *no data*');
    expect(text).toContain('Unregistered changes found by the gate: *0*');
    expect(text).toContain('Audit chain: *verifies (');
  });

  it('explains a bad window or service privately and queues nothing', async () => {
    const reply = await h.command('UREQ', 'metrics 12d');
    expect(reply.json.text).toBe(
      ':warning: "12d" is neither 7d, 30d, 90d nor a service id. Services: wiki, crm, web, payments. Try `/change metrics 30d`.',
    );
    await h.settle();
    expect(h.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
