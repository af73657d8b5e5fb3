import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  await h.stop();
});

const at = (iso: string) => new Date(iso);
const textOf = (blocks: unknown): string => JSON.stringify(blocks) ?? '';
const cabPostOf = (key: string) =>
  h
    .callsTo('chat.postMessage')
    .find((c) => c.args.channel === 'CCAB' && textOf(c.args.blocks).includes(`${key} ·`));

const cabTs = (changeId: number): string =>
  (
    h.app.database.sqlite
      .prepare(
        "SELECT message_id FROM card_posts WHERE change_id = ? AND platform = 'slack' AND channel = 'CCAB'",
      )
      .get(changeId) as { message_id: string }
  ).message_id;

describe('the schedule on the Slack approval card', () => {
  it('names each other on both cards when a later change is scheduled onto an overlapping window', async () => {
    const first = await raiseThroughSlack(h, 'UREQ');
    const firstPost = cabPostOf(`CHG-${first}`);
    expect(textOf(firstPost?.args.blocks)).not.toContain('Overlaps');
    const updatesBefore = h.callsTo('chat.update').length;

    const second = await raiseThroughSlack(h, 'UIVAN', {
      title: 'Reindex the wiki search',
      plannedStart: at('2026-03-06T10:00:00Z'),
      plannedEnd: at('2026-03-06T12:00:00Z'),
    });
    // The new card names the earlier change…
    expect(textOf(cabPostOf(`CHG-${second}`)?.args.blocks)).toContain(
      `Overlaps *CHG-${first}* Upgrade the wiki to 2.4`,
    );
    // …and the earlier card is updated in place to name the new one.
    const update = h
      .callsTo('chat.update')
      .slice(updatesBefore)
      .find((c) => c.args.channel === 'CCAB' && c.args.ts === cabTs(first));
    expect(textOf(update?.args.blocks)).toContain(`Overlaps *CHG-${second}* Reindex the wiki search`);
  });

  it('shows the CAB the freeze an emergency is inside, and a soft freeze justification', async () => {
    const emergency = await raiseThroughSlack(h, 'UREQ', {
      type: 'emergency',
      plannedStart: at('2026-03-11T09:00:00Z'),
      plannedEnd: at('2026-03-11T10:00:00Z'),
    });
    const ecab = h
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'CECAB' && textOf(c.args.blocks).includes(`CHG-${emergency} ·`));
    expect(textOf(ecab?.args.blocks)).toContain(
      ':snowflake: Inside the change freeze *Quarter close* (hard freeze, emergency only). Finance closes the quarter.',
    );

    const justified = await raiseThroughSlack(h, 'UREQ', {
      services: ['wiki'],
      plannedStart: at('2026-03-13T09:00:00Z'),
      plannedEnd: at('2026-03-13T10:00:00Z'),
      freezeJustification: 'Vendor <!channel> deadline.',
    });
    const text = textOf(cabPostOf(`CHG-${justified}`)?.args.blocks);
    expect(text).toContain('*Wiki migration* (soft freeze)');
    expect(text).toContain('*Freeze justification:* Vendor &lt;!channel&gt; deadline.');
  });
});
