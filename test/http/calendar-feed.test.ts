import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editChange } from '../../src/app/use-cases/edit-change.ts';
import { draftOfChange } from '../../src/domain/change/change.ts';
import { schedulePlatformPolicy } from '../helpers/schedule-policy.ts';
import { mrkdwnTexts } from '../platforms/slack/block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from '../platforms/slack/slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  await h.stop();
});

async function feedPath(user = 'UREQ'): Promise<string> {
  const reply = await h.command(user, 'calendar feed');
  const text = mrkdwnTexts(reply.json.blocks).join('\n');
  const path = /`(\/calendar\.ics\?token=[^`]+)`/.exec(text)?.[1];
  if (!path) throw new Error(`no feed URL in: ${text}`);
  return path;
}

const get = (path: string) => fetch(`${h.baseUrl}${path}`);

/** The feed's events by UID, read by ical.js (an independent RFC 5545 parser). */
function eventsOf(ics: string): Map<string, ICAL.Component> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return new Map(
    calendar.getAllSubcomponents('vevent').map((e) => [String(e.getFirstPropertyValue('uid')), e] as const),
  );
}
const timeOf = (event: ICAL.Component, name: string) =>
  (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();

describe('GET /calendar.ics', () => {
  it('serves changes with their state and revision, and freezes, to a secret feed URL', async () => {
    const first = await raiseThroughSlack(h, 'UREQ', { title: 'Upgrade the wiki' });
    const second = await raiseThroughSlack(h, 'UREQ', {
      title: 'Reindex search',
      plannedStart: new Date('2026-03-07T09:00:00Z'),
      plannedEnd: new Date('2026-03-07T10:00:00Z'),
    });
    // An edit bumps SEQUENCE; a cancellation marks the event cancelled (and is one more revision).
    const ctx = h.app.ctx;
    const change = ctx.repos.changes.get(first)!;
    const requester = ctx.repos.people.get(change.requesterId)!;
    const edited = editChange(
      ctx,
      { person: requester, platform: 'slack' },
      {
        changeId: first,
        expectedVersion: 1,
        draft: { ...draftOfChange(change), title: 'Upgrade the wiki to 2.5' },
      },
    );
    expect(edited.ok).toBe(true);
    expect((await h.command('UREQ', `cancel CHG-${second} not needed`)).status).toBe(200);

    const res = await get(await feedPath());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const ics = await res.text();
    // RFC 5545: lines end in CRLF (calendar apps are strict about it).
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    const events = eventsOf(ics);

    const edit = events.get(`change-${first}@changeboard`)!;
    expect(edit.getFirstPropertyValue('summary')).toBe(
      `CHG-${first} Upgrade the wiki to 2.5 (Awaiting approval)`,
    );
    expect(edit.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(edit.getFirstPropertyValue('sequence')).toBe(1);
    expect(timeOf(edit, 'dtstart')).toBe('2026-03-06T09:00:00.000Z');
    expect(timeOf(edit, 'dtend')).toBe('2026-03-06T11:00:00.000Z');
    expect(edit.getFirstPropertyValue('description')).toBe(
      'Normal change\nLow risk\nState: Awaiting approval\nServices: Wiki',
    );
    expect(edit.getFirstPropertyValue('categories')).toBe('Change');

    const cancelled = events.get(`change-${second}@changeboard`)!;
    expect(cancelled.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(cancelled.getFirstPropertyValue('sequence')).toBe(1);
    expect(cancelled.getFirstPropertyValue('summary')).toBe(`CHG-${second} Reindex search (Cancelled)`);

    const freezes = [...events.values()].filter(
      (e) => e.getFirstPropertyValue('categories') === 'Change freeze',
    );
    expect(
      freezes.map((e) => [e.getFirstPropertyValue('summary'), timeOf(e, 'dtstart'), timeOf(e, 'dtend')]),
    ).toEqual([
      ['Change freeze: Quarter close (hard)', '2026-03-10T00:00:00.000Z', '2026-03-12T00:00:00.000Z'],
      ['Change freeze: Wiki migration (soft)', '2026-03-13T00:00:00.000Z', '2026-03-14T00:00:00.000Z'],
    ]);
    expect(freezes[0]?.getFirstPropertyValue('transp')).toBe('TRANSPARENT');
    expect(freezes[0]?.getFirstPropertyValue('description')).toBe(
      'Hard freeze: emergency changes only (all services).\nFinance closes the quarter.',
    );
  });

  it('answers 401 to a revoked, a wrong and a missing token, and keeps only hashes of tokens', async () => {
    const path = await feedPath();
    const token = decodeURIComponent(path.split('token=')[1]!);
    expect((await get(path)).status).toBe(200);
    const stored = h.app.database.sqlite.prepare('SELECT token_hash FROM calendar_feed_tokens').all() as {
      token_hash: string;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.token_hash).not.toContain(token);

    const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect((await get(`/calendar.ics?token=${encodeURIComponent(wrong)}`)).status).toBe(401);
    expect((await get('/calendar.ics')).status).toBe(401);

    const revoked = await h.command('UREQ', 'calendar revoke');
    expect(mrkdwnTexts(revoked.json.blocks).join('\n')).toContain('Revoked 1 calendar feed link');
    const after = await get(path);
    expect(after.status).toBe(401);
    expect(await after.text()).not.toContain('BEGIN:VCALENDAR');
    // A new link works again; the revoked one stays dead.
    expect((await get(await feedPath())).status).toBe(200);
    expect((await get(path)).status).toBe(401);
  });
});
