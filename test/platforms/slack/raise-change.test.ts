import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { formInput, MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
beforeEach(async () => {
  h = await startSlackHarness();
});
afterEach(async () => {
  await h.stop();
});

const HOUR = 3_600_000;
const changeRows = () =>
  h.app.database.sqlite.prepare('SELECT * FROM changes').all() as Record<string, unknown>[];

describe('raising a change from /change', () => {
  it('opens the form at once, shows field errors on the right blocks, then confirms privately and posts the card to the CAB', async () => {
    const opened = await h.command('UREQ', '');
    expect(opened.status).toBe(200);
    await h.settle();
    const [open] = h.callsTo('views.open');
    expect(open?.args.trigger_id).toMatch(/^trigger-/);
    const view = h.lastOpenedView();
    expect(view.callback_id).toBe('change.form');
    const blockIds = view.blocks
      .filter((b: { type: string }) => b.type === 'input')
      .map((b: { block_id: string }) => b.block_id);
    expect(blockIds).toEqual([
      'title',
      'type',
      'modelId',
      'services',
      'plannedStart',
      'plannedEnd',
      'description',
      'justification',
      'impact',
      'complexity',
      'tested',
      'backout',
      'failedBefore',
      'implementationPlan',
      'backoutPlan',
      'testPlan',
    ]);

    // End before start, start in the past, and a medium-risk change without a backout plan.
    const now = h.clock.now();
    const invalid = await h.submit(
      'UREQ',
      view,
      formInput(now, {
        ...MEDIUM_RISK,
        plannedStart: new Date(now.getTime() - 2 * HOUR),
        plannedEnd: new Date(now.getTime() - 3 * HOUR),
        backoutPlan: null,
      }),
    );
    expect(invalid.status).toBe(200);
    expect(invalid.json.response_action).toBe('errors');
    expect(Object.keys(invalid.json.errors).sort()).toEqual(['backoutPlan', 'plannedEnd', 'plannedStart']);
    expect(invalid.json.errors.plannedEnd).toMatch(/after the planned start/);
    expect(invalid.json.errors.plannedStart).toMatch(/in the past/);
    expect(invalid.json.errors.backoutPlan).toMatch(/backout plan is required/i);
    expect(changeRows()).toHaveLength(0);

    const valid = await h.submit('UREQ', view, formInput(now, MEDIUM_RISK));
    expect(valid.status).toBe(200);
    expect(valid.text).toBe('');
    await h.settle();
    expect(changeRows()).toHaveLength(1);

    // The private confirmation: a DM with the id, the risk level and the next step.
    const dms = h.callsTo('chat.postMessage').filter((c) => c.args.channel === 'DUREQ');
    const confirmation = dms.find((c) => String(c.args.text).includes('is raised'));
    expect(confirmation?.args.text).toContain('CHG-1 is raised');
    expect(confirmation?.args.text).toContain('Medium risk');
    expect(confirmation?.args.text).toMatch(/Next: \*Change Advisory Board\* decides \(2 of 4/);

    const card = h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB');
    expect(card).toBeDefined();
    expect(buttonIds(card?.args.blocks)).toEqual([
      'change.approve',
      'change.reject',
      'change.request_info',
      'change.details',
    ]);
    expect(JSON.stringify(card?.args.blocks)).toContain('Upgrade the wiki to 2.4');
    // The requester also gets their own live copy of the card.
    expect(dms.some((c) => buttonIds(c.args.blocks).includes('change.cancel'))).toBe(true);
  });

  it('posts a title with <!channel> and a user mention escaped, so nobody is notified', async () => {
    await raiseThroughSlack(h, 'UREQ', { title: 'Ping <!channel> & <@UALICE> via <http://x|y>' });
    const card = h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB');
    const texts = [String(card?.args.text), ...mrkdwnTexts(card?.args.blocks)];
    expect(texts.join('\n')).toContain('Ping &lt;!channel&gt; &amp; &lt;@UALICE&gt; via &lt;http://x|y&gt;');
    for (const text of texts) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<@UALICE>');
      expect(text).not.toContain('<http://x|y>');
    }
  });

  it('records a standard change and announces it in its model’s channel without vote buttons', async () => {
    await h.stop();
    const policy = platformPolicy();
    h = await startSlackHarness({
      policy: {
        ...policy,
        models: policy.models.map((m) => (m.id === 'os-patch' ? { ...m, announceBoard: 'cab' } : m)),
      },
    });
    await raiseThroughSlack(h, 'UREQ', {
      type: 'standard',
      modelId: 'os-patch',
      title: 'Patch the wiki hosts',
    });
    const [row] = changeRows();
    expect(row?.state).toBe('scheduled');
    expect(h.app.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get()).toEqual({ n: 0 });
    const announcement = h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB');
    const text = mrkdwnTexts(announcement?.args.blocks).join('\n');
    expect(text).toContain(':large_green_circle: Standard change');
    expect(text).toContain('*Change model*\nMonthly OS patch');
    expect(text).toContain('*Pre-approved (standard change)*');
    expect(text).not.toContain('*Approvals:*');
    expect(buttonIds(announcement?.args.blocks)).toEqual(['change.start', 'change.details']);
  });

  it('sends an emergency change to the emergency CAB channel, marked as such', async () => {
    await raiseThroughSlack(h, 'UREQ', {
      type: 'emergency',
      title: 'Restore the payments API',
      services: ['payments'],
    });
    const posts = h.callsTo('chat.postMessage');
    expect(posts.some((c) => c.args.channel === 'CCAB')).toBe(false);
    const card = posts.find((c) => c.args.channel === 'CECAB');
    expect(card?.args.text).toMatch(/^:rotating_light: EMERGENCY CHG-1/);
    expect(mrkdwnTexts(card?.args.blocks).join('\n')).toContain('*EMERGENCY CHANGE*');
    expect(buttonIds(card?.args.blocks)).toContain('change.approve');
  });
});

describe('the message shortcut', () => {
  it('opens the form prefilled with the message text and its permalink, and keeps the link on the change', async () => {
    const reply = await h.shortcut('UREQ', 'CINCIDENT', {
      text: 'Disk full on wiki-01 &amp; wiki-02\nWe need more space.',
      ts: '1772441000.000200',
    });
    expect(reply.status).toBe(200);
    await h.settle();
    const [permalink] = h.callsTo('chat.getPermalink');
    expect(permalink?.args).toMatchObject({ channel: 'CINCIDENT', message_ts: '1772441000.000200' });
    const view = h.lastOpenedView();
    const input = (id: string) => view.blocks.find((b: { block_id?: string }) => b.block_id === id)?.element;
    expect(input('title').initial_value).toBe('Disk full on wiki-01 & wiki-02');
    expect(input('description').initial_value).toBe(
      'Disk full on wiki-01 & wiki-02\nWe need more space.\n\nSource: https://acme.slack.com/archives/CINCIDENT/p1772441000000200',
    );
    const submitted = await h.submit('UREQ', view, {
      ...formInput(h.clock.now()),
      title: input('title').initial_value,
      description: input('description').initial_value,
    });
    expect(submitted.text).toBe('');
    const [row] = changeRows();
    expect(row?.source_link).toBe('https://acme.slack.com/archives/CINCIDENT/p1772441000000200');
  });
});

describe('the /change subcommands', () => {
  it('answers an unknown subcommand privately with the help text and a hint', async () => {
    const reply = await h.command('UREQ', 'frobnicate <!here>');
    expect(reply.status).toBe(200);
    expect(reply.json.response_type).toBe('ephemeral');
    const text = mrkdwnTexts(reply.json.blocks).join('\n');
    expect(text).toContain("I don't know `frobnicate`");
    expect(text).toContain('/change list');
    expect(h.callsTo('views.open')).toHaveLength(0);
  });

  it('lists my open changes, those waiting for my vote and the next seven days', async () => {
    await raiseThroughSlack(h, 'UREQ', {
      title: 'Wiki upgrade',
      plannedStart: new Date(h.clock.now().getTime() + 48 * HOUR),
      plannedEnd: new Date(h.clock.now().getTime() + 50 * HOUR),
    });
    const mine = await h.command('UREQ', 'list');
    expect(mine.json.response_type).toBe('ephemeral');
    const mineText = mrkdwnTexts(mine.json.blocks).join('\n');
    expect(mineText).toContain('*CHG-1* Wiki upgrade');
    expect(mineText).toContain('Nothing is waiting for your vote.');
    const alice = await h.command('UALICE', 'list');
    const aliceText = mrkdwnTexts(alice.json.blocks).join('\n');
    expect(aliceText).toContain('You have no open change requests.');
    expect(aliceText.match(/\*CHG-1\*/g)).toHaveLength(2);
  });

  it('shows a change in full in a modal', async () => {
    await raiseThroughSlack(h, 'UREQ', { implementationPlan: 'Step one. '.repeat(250).trim() });
    const reply = await h.command('UALICE', 'show chg-1');
    expect(reply.status).toBe(200);
    await h.settle();
    const view = h.lastOpenedView();
    expect(view.title.text).toBe('CHG-1');
    expect(mrkdwnTexts(view.blocks).join('')).toContain('Step one. '.repeat(249).trim());
  });

  it('cuts a long plan on the card and opens it in full from "Show full plan"', async () => {
    const plan = 'Drain node <n> & upgrade. '.repeat(100).trim();
    await raiseThroughSlack(h, 'UREQ', { implementationPlan: plan });
    const card = h.callsTo('chat.postMessage').find((c) => c.args.channel === 'CCAB');
    const cardText = mrkdwnTexts(card?.args.blocks).join('\n');
    expect(cardText).not.toContain(plan.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(cardText).toMatch(/\*Implementation plan\*\nDrain node &lt;n&gt; &amp; upgrade\..*…/s);
    const show = (
      (card?.args.blocks ?? []) as {
        type: string;
        elements?: { action_id: string; value: string; text: { text: string } }[];
      }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'change.details');
    expect(show?.text.text).toBe('Show full plan');
    await h.click('UALICE', 'change.details', show!.value);
    await h.settle();
    const modal = mrkdwnTexts(h.lastOpenedView().blocks).join('');
    expect(modal).toContain(plan.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  });
});
