import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(() => h.stop());

describe('/change export in Slack', () => {
  it('sends a change manager the evidence zip by direct message, from a job', async () => {
    await raiseThroughSlack(h, 'UREQ');
    h.fake.clear();
    const reply = await h.command('UDAVE', 'export 2026-03-01 2026-03-31 json');
    expect(reply.json.text).toBe(
      ':package: Building the evidence bundle; the zip arrives in a direct message in a moment.',
    );
    expect(h.callsTo('files.getUploadURLExternal')).toHaveLength(0);
    await h.settle();
    const [asked] = h.callsTo('files.getUploadURLExternal');
    expect(asked?.args.filename).toBe('changeboard-evidence-2026-03-01-2026-03-31.zip');
    const [upload] = h.callsTo('file_upload');
    const zip = unzipSync(new Uint8Array(h.fake.uploads.get(String(upload?.args.fileId))!));
    const manifest = JSON.parse(strFromU8(zip['manifest.json']!));
    expect(manifest.changes).toBe(1);
    expect(manifest.auditChain.verifies).toBe(true);
    expect(JSON.parse(strFromU8(zip['changes.json']!))[0].requester).toBe('Rita');
    const [complete] = h.callsTo('files.completeUploadExternal');
    expect(complete?.args.channel_id).toBe('DUDAVE');
    // The request is in the audit trail, before the bundle was built (so the bundle's chain includes it).
    const audited = h.app.database.sqlite
      .prepare(`SELECT actor_name AS who, data FROM audit_events WHERE action = 'evidence.export_requested'`)
      .all();
    expect(audited).toEqual([
      {
        who: 'Dave',
        data: '{"format":"json","from":"2026-03-01T00:00:00.000Z","to":"2026-04-01T00:00:00.000Z"}',
      },
    ]);
    expect(complete?.args.initial_comment).toBe(
      `1 changes. Audit trail intact: ${manifest.auditChain.eventCount} events, last hash ${manifest.auditChain.lastHash}.`,
    );
  });

  it('refuses anyone who is not a change manager, and a bad period', async () => {
    expect((await h.command('UREQ', 'export 2026-03-01 2026-03-31')).json.text).toBe(
      ':no_entry: Only a change manager (a board member with the final say) can export evidence.',
    );
    expect((await h.command('UDAVE', 'export march')).json.text).toBe(
      ':warning: Give the period as two dates and optionally the format, e.g. `2026-01-01 2026-03-31 csv`. (`/change export 2026-01-01 2026-03-31 csv`)',
    );
    await h.settle();
    expect(h.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
