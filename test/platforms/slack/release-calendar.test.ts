import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveActor } from '../../../src/app/context.ts';
import { createRelease } from '../../../src/app/release/create-release.ts';
import { syncPolicyPeople } from '../../../src/app/use-cases/sync-policy-people.ts';
import { TRAIN } from '../../app/release/release-fixture.ts';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

// A one-off release model on the wiki (no train, so nothing is planned behind the test's back).
const WEB_RELEASES = { ...TRAIN, id: 'web-release', name: 'Web release', cadence: null, services: ['wiki'] };

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: { ...schedulePlatformPolicy(), releaseModels: [WEB_RELEASES] } });
  syncPolicyPeople(h.app.ctx);
});
afterEach(async () => {
  await h.stop();
});

describe('releases on the calendar in Slack and in the ICS feed', () => {
  it('lists a release beside the change it overlaps, both flagged, and serves it in the feed', async () => {
    const rita = resolveActor(h.app.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    const created = createRelease(h.app.ctx, rita, {
      modelId: 'web-release',
      name: 'Wiki 2.4 rollout',
      start: new Date('2026-03-06T10:00:00Z'),
      minutes: 60,
    });
    if (!created.ok) throw new Error(created.error.message);
    const rel = created.value.id;
    const chg = await raiseThroughSlack(h, 'UREQ', { title: 'Upgrade the wiki' });

    const reply = await h.command('UREQ', 'calendar 7');
    expect(reply.status).toBe(200);
    const friday = mrkdwnTexts(reply.json.blocks).find((t) => t.startsWith('*Fri 6 Mar*')) ?? '';
    // Rita reads New York time: 10:00 UTC is 05:00.
    expect(friday).toContain(
      `*REL-${rel}* Wiki 2.4 rollout · Release of Web release · Planned · Fri 6 Mar 05:00–06:00\n    :warning: conflicts with CHG-${chg}`,
    );
    expect(friday).toContain(`*CHG-${chg}* Upgrade the wiki`);
    expect(friday).toContain(`:warning: conflicts with REL-${rel}`);

    const feed = await h.command('UREQ', 'calendar feed');
    const path = /`(\/calendar\.ics\?token=[^`]+)`/.exec(mrkdwnTexts(feed.json.blocks).join('\n'))?.[1];
    const res = await fetch(`${h.baseUrl}${path}`);
    expect(res.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(await res.text()));
    const event = calendar
      .getAllSubcomponents('vevent')
      .find((e) => e.getFirstPropertyValue('uid') === `release-${rel}@changeboard`);
    expect(event?.getFirstPropertyValue('summary')).toBe(`REL-${rel} Wiki 2.4 rollout (Planned)`);
    expect(event?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(String(event?.getFirstPropertyValue('categories'))).toBe('Release');
  });
});
