import { afterEach, describe, expect, it } from 'vitest';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { mrkdwnTexts } from './block-kit.ts';
import { type FormInput, formInput } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

/** 9 points on the wiki: high risk (majority of the CAB, with veto). */
const HIGH_RISK: FormInput = {
  impact: 'outage',
  complexity: 'complex',
  tested: 'partially',
  backout: 'hard',
};

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

const ref = (changeId: number, version = 1) => JSON.stringify({ changeId, version });
const votes = () =>
  (h.app.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;

async function start() {
  const base = platformPolicy();
  h = await startSlackHarness({ policy: { ...base, defaults: { ...base.defaults, stepUpRisk: ['high'] } } });
  return raiseThroughSlack(h, 'UREQ', HIGH_RISK);
}

describe('step-up confirmation of a high-risk approval in Slack', () => {
  it('opens a confirmation with the fingerprint instead of counting the click; the submit casts the vote', async () => {
    const id = await start();
    h.fake.clear();
    const click = await h.click('UALICE', 'change.approve', ref(id));
    expect(click).toMatchObject({ status: 200, text: '' });
    await h.settle();
    expect(votes()).toBe(0);
    const modal = h.lastOpenedView();
    expect(modal.callback_id).toBe('vote.step_up');
    expect(modal.submit.text).toBe('Approve');
    const text = mrkdwnTexts(modal.blocks).join('\n');
    expect(text).toContain('is *High risk*');
    expect(text).toContain('*Services*\nWiki');
    expect(text).toContain('*Implementation plan*\nRun the upgrade playbook.');
    expect(text).toContain('*Backout plan*\nRestore the snapshot taken before.');
    const meta = JSON.parse(modal.private_metadata);
    expect(meta).toEqual({ changeId: id, version: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(text).toContain(meta.fingerprint.slice(0, 12));

    const submitted = await h.submit('UALICE', modal, {});
    expect(submitted.json.response_action).toBe('update');
    expect(mrkdwnTexts(submitted.json.view.blocks).join('\n')).toBe(
      `:white_check_mark: You approved CHG-${id}.`,
    );
    await h.settle();
    expect(votes()).toBe(1);
    const card = h
      .callsTo('chat.update')
      .filter((c) => c.args.channel === 'CCAB')
      .at(-1);
    expect(mrkdwnTexts(card?.args.blocks).join('\n')).toContain('*Alice* approved');
  });

  it('refuses the confirmation of a change edited after the modal opened', async () => {
    const id = await start();
    await h.click('UALICE', 'change.approve', ref(id));
    await h.settle();
    const modal = h.lastOpenedView();

    await h.command('UREQ', `edit CHG-${id}`);
    await h.settle();
    const edit = h.lastOpenedView();
    await h.submit(
      'UREQ',
      edit,
      formInput(h.clock.now(), { ...HIGH_RISK, implementationPlan: 'Another plan.' }),
    );
    await h.settle();

    const submitted = await h.submit('UALICE', modal, {});
    expect(submitted.json.response_action).toBe('update');
    expect(mrkdwnTexts(submitted.json.view.blocks).join('\n')).toContain(
      'the change was edited since (now version 2)',
    );
    expect(votes()).toBe(0);
  });

  it('asks a rejection for its reason as before, without a step-up', async () => {
    const id = await start();
    await h.click('UALICE', 'change.reject', ref(id));
    await h.settle();
    expect(h.lastOpenedView().callback_id).toBe('vote.reject');
  });
});
