import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { mrkdwnTexts } from './block-kit.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: Block Kit JSON as recorded.
type Json = any;

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  await h.stop();
});

const at = (iso: string) => new Date(iso);
const daySection = (blocks: Json[], label: string): string =>
  mrkdwnTexts(blocks).find((t) => t.startsWith(`*${label}*`)) ?? '';

describe('/change calendar in Slack', () => {
  it('answers privately with the next days grouped by day: changes with type, risk and state, freezes, maintenance, conflicts', async () => {
    const first = await raiseThroughSlack(h, 'UREQ', { title: 'Upgrade <!channel> wiki' });
    const second = await raiseThroughSlack(h, 'UREQ', {
      plannedStart: at('2026-03-06T10:00:00Z'),
      plannedEnd: at('2026-03-06T12:00:00Z'),
    });
    const reply = await h.command('UREQ', 'calendar 12');
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
    const blocks = reply.json.blocks as Json[];
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Change calendar: the next 12 days' } });
    expect(mrkdwnTexts(blocks)).toContain(
      '2 scheduled items · :warning: 2 with conflicts · times in America/New_York',
    );
    // Rita reads New York time: 09:00 UTC on Friday is 04:00.
    const friday = daySection(blocks, 'Fri 6 Mar');
    expect(friday).toContain(
      `*CHG-${first}* Upgrade &lt;!channel&gt; wiki · Normal change · Low risk · Awaiting approval · Fri 6 Mar 04:00–06:00\n    :warning: conflicts with CHG-${second}`,
    );
    expect(friday).toContain(`*CHG-${second}* Upgrade the wiki to 2.4`);
    // CRM maintenance: Tuesday 02:00–06:00 Lisbon (UTC) is Monday 21:00 – Tuesday 01:00 in New York.
    expect(daySection(blocks, 'Mon 2 Mar')).toContain(
      ':wrench: CRM maintenance (CRM) Mon 2 Mar 21:00 – Tue 3 Mar 01:00',
    );
    expect(daySection(blocks, 'Tue 10 Mar')).toContain(
      ':snowflake: *Quarter close* (hard freeze, all services)',
    );
    expect(daySection(blocks, 'Sun 8 Mar')).toBe('*Sun 8 Mar*\n_Nothing scheduled._');
  });

  it('pages a long calendar and the Next page button replaces the message with the next page', async () => {
    const reply = await h.command('UREQ', 'calendar 60');
    const blocks = reply.json.blocks as Json[];
    const summary = mrkdwnTexts(blocks).find((t) => t.includes('page 1 of')) ?? '';
    const pages = Number(/page 1 of (\d+)/.exec(summary)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const nav = blocks.find((b) => b.block_id === 'calendar.pages');
    expect(nav.elements.map((b: Json) => b.text.text)).toEqual(['Next page']);

    await h.click('UREQ', nav.elements[0].action_id, nav.elements[0].value);
    await h.settle();
    const replaced = h.callsTo('response_url').at(-1);
    expect(replaced?.args.replace_original).toBe(true);
    const next = replaced?.args.blocks as Json[];
    expect(mrkdwnTexts(next).join('\n')).toContain(`page 2 of ${pages}`);
    // Every one of the 60 days appears on exactly one page.
    const seen: string[] = [];
    for (let page = 1; page <= pages; page++) {
      const res = await h.command('UREQ', `calendar 60 ${page}`);
      seen.push(...mrkdwnTexts(res.json.blocks).flatMap((t) => /^\*(\w{3} \d+ \w{3})\*/.exec(t)?.[1] ?? []));
    }
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it('shows the next seven days on App Home the same way', async () => {
    await raiseThroughSlack(h, 'UREQ');
    h.fake.clear();
    await h.event(
      { type: 'app_home_opened', user: 'UALICE', channel: 'DUALICE', tab: 'home', event_ts: '1.0' },
      'EvCal',
    );
    await h.settle();
    const view = h.callsTo('views.publish').at(-1)?.args.view as { blocks: Json[] };
    const headers = view.blocks.filter((b) => b.type === 'header').map((b) => b.text.text);
    expect(headers).toContain('Scheduled in the next 7 days');
    // Alice reads Berlin time.
    expect(daySection(view.blocks, 'Fri 6 Mar')).toContain(
      '*CHG-1* Upgrade the wiki to 2.4 · Normal change · Low risk · Awaiting approval · Fri 6 Mar 10:00–12:00',
    );
    expect(daySection(view.blocks, 'Tue 3 Mar')).toContain(':wrench: CRM maintenance');
  });
});
