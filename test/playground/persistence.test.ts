import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { CHANNELS } from '../../src/playground/cast.ts';
import { startPlayground } from '../../src/playground/index.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const start = (databasePath: string) =>
  startPlayground({
    port: 0,
    host: '127.0.0.1',
    appPort: 0,
    databasePath,
    log: silentLogger,
    heartbeat: null,
  });

async function command(url: string, text: string): Promise<void> {
  const res = await fetch(`${url}/api/slack/command`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ as: 'rita', channel: 'CPGCAB', text }),
  });
  expect(res.status).toBe(200);
}

describe('the playground across restarts', () => {
  it('shows the same channels as the database it continues, and installs the app only once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-pg-'));
    dirs.push(dir);
    const db = join(dir, 'playground.db');
    const first = await start(db);
    await command(first.url, 'help');
    first.clock.advance(30 * 3_600_000);
    // What came due (the release train's reminders) runs now, so the second start has nothing to catch up.
    await first.app.worker.drain();
    const before = structuredClone(first.store.state);
    expect(before.slack.ephemerals).toHaveLength(1);
    await first.stop();
    expect(existsSync(`${db}.screens.json`)).toBe(true);

    const second = await start(db);
    try {
      // The same messages, no second welcome card, and ids that keep counting up.
      expect(second.store.state.teams.messages).toEqual(before.teams.messages);
      expect(second.store.state.slack.ephemerals).toEqual(before.slack.ephemerals);
      // Nor does the clock travel back: what already ran stays in the past.
      expect(second.clock.offsetMs()).toBe(30 * 3_600_000);
      await command(second.url, 'help');
      const ids = second.store.state.slack.ephemerals.map((e) => e.id);
      expect(new Set(ids).size).toBe(2);
      // The page listens on another port now; Teams posts still arrive (the app's references were renewed).
      const inReleases = () =>
        second.store.state.teams.messages.filter((m) => m.conversation === CHANNELS.teams.releases).length;
      const posted = inReleases();
      const res = await fetch(`${second.url}/api/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hours: 24 * 8 }),
      });
      expect(res.status).toBe(200);
      expect(inReleases()).toBeGreaterThan(posted);
    } finally {
      await second.stop();
    }
  });

  it('starts with empty channels when the database is new, whatever page state is lying around', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-pg-'));
    dirs.push(dir);
    const db = join(dir, 'playground.db');
    writeFileSync(
      `${db}.screens.json`,
      JSON.stringify({ revision: 9, seq: 9, slack: { messages: [{ channel: 'CPGCAB' }] }, teams: {} }),
    );
    const pg = await start(db);
    try {
      // Only what this database posted: the release train's cards, planned ahead, in the release channel.
      expect(pg.store.state.slack.messages.filter((m) => m.channel === 'CPGCAB')).toEqual([]);
      const channels = pg.store.state.slack.messages.map((m) => m.channel);
      expect(channels.length).toBeGreaterThan(0);
      expect(new Set(channels)).toEqual(new Set(['CPGRELEASES']));
    } finally {
      await pg.stop();
    }
  });
});
