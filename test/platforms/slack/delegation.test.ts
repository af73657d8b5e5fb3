import { afterEach, describe, expect, it } from 'vitest';
import { mrkdwnTexts } from './block-kit.ts';
import { MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

const BEA = { UBEA: { name: 'Bea', email: 'bea@example.com', tz: 'Europe/Berlin' } };
const ref = (changeId: number) => JSON.stringify({ changeId, version: 1 });
const votes = () =>
  (h.app.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;
const cardText = () =>
  mrkdwnTexts(
    h
      .callsTo('chat.update')
      .filter((c) => c.args.channel === 'CCAB')
      .at(-1)?.args.blocks,
  ).join('\n');
const notesTo = (actionId: string, user: string) =>
  h
    .callsTo('response_url')
    .filter((c) => c.args.id === `${actionId}-${user}`)
    .map((c) => String(c.args.text));

describe('delegating a vote in Slack', () => {
  it('lets the delegate vote once for the delegator, shown as "Bea for Alice", until undelegated', async () => {
    h = await startSlackHarness({ users: BEA });
    const delegated = await h.command('UALICE', 'delegate <@UBEA|bea> until 2026-03-05');
    expect(delegated.json.response_type).toBe('ephemeral');
    expect(delegated.json.text).toBe(
      ':handshake: Bea votes for you from now until 6 Mar 2026, 00:00 CET. End it early with undelegate.',
    );
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    // Bea's App Home lists what awaits the vote she casts for Alice.
    const beaHome = h
      .callsTo('views.publish')
      .filter((c) => c.args.user_id === 'UBEA')
      .at(-1);
    expect(JSON.stringify(beaHome?.args.view)).toContain(`CHG-${id}`);
    const explained = mrkdwnTexts((await h.command('UOUT', `explain CHG-${id}`)).json.blocks).join('\n');
    expect(explained).toContain('May still vote: Alice (or Bea for them), Bob, Carol, Dave.');

    await h.click('UBEA', 'change.approve', ref(id));
    await h.settle();
    expect(votes()).toBe(1);
    expect(cardText()).toContain('*Bea for Alice* approved');
    expect(cardText()).toContain('*Approvals:* 1 of 2 needed');

    // Alice's own click cannot count a second time: she is told who already voted for her.
    await h.click('UALICE', 'change.approve', ref(id));
    await h.settle();
    expect(notesTo('change.approve', 'UALICE')).toEqual([
      expect.stringMatching(new RegExp(`^:no_entry: Bea already approved CHG-${id} for you on `)),
    ]);
    expect(votes()).toBe(1);

    expect((await h.command('UALICE', 'undelegate')).json.text).toBe(
      ':handshake: Your delegation is ended: you vote yourself again.',
    );
    const audit = h.app.database.sqlite
      .prepare("SELECT action FROM audit_events WHERE action LIKE 'delegation.%' ORDER BY seq")
      .all();
    expect(audit).toEqual([{ action: 'delegation.created' }, { action: 'delegation.ended' }]);
  });

  it('says what is wrong with a delegation privately', async () => {
    h = await startSlackHarness({ users: BEA });
    expect((await h.command('UALICE', 'delegate nobody@example.com until 2026-03-05')).json.text).toBe(
      ":no_entry: I don't know nobody@example.com yet: they appear once they have used Changeboard (or mention them in Slack).",
    );
    // Escaped once, where the refusal is shown: "R&D-lead", not "R&amp;amp;D-lead".
    expect((await h.command('UALICE', 'delegate R&D-lead until 2026-03-05')).json.text).toContain(
      "I don't know R&amp;D-lead yet",
    );
    expect((await h.command('UALICE', 'delegate <@UBEA> tomorrow')).json.text).toContain('Say until when');
    expect((await h.command('UOUT', 'delegate <@UBEA> until 2026-03-05')).json.text).toBe(
      ':no_entry: Only members of a change board have a vote to delegate.',
    );
    await h.command('UALICE', 'delegate <@UCAROL> until 2026-03-05');
    expect((await h.command('UCAROL', 'delegate <@UALICE> until 2026-03-04')).json.text).toContain(
      'That would make a loop',
    );
  });
});
