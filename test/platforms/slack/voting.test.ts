import { afterEach, describe, expect, it } from 'vitest';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { buttonIds, mrkdwnTexts } from './block-kit.ts';
import { MEDIUM_RISK } from './form-input.ts';
import { raiseThroughSlack, type SlackHarness, startSlackHarness } from './slack-harness.ts';

let h: SlackHarness;
afterEach(async () => {
  await h.stop();
});

const ref = (changeId: number, version = 1) => JSON.stringify({ changeId, version });
const db = () => h.app.database.sqlite;
const count = (sql: string) => (db().prepare(sql).get() as { n: number }).n;
const voteCount = () => count('SELECT count(*) AS n FROM votes');
const auditActions = () =>
  (db().prepare('SELECT action FROM audit_events ORDER BY seq').all() as { action: string }[]).map(
    (r) => r.action,
  );
const changeRow = (id = 1) =>
  db().prepare('SELECT state, version FROM changes WHERE id = ?').get(id) as {
    state: string;
    version: number;
  };
const cardTs = () =>
  (db().prepare("SELECT message_id AS ts FROM card_posts WHERE channel = 'CCAB'").get() as { ts: string }).ts;
const lastCardUpdate = () =>
  h
    .callsTo('chat.update')
    .filter((c) => c.args.channel === 'CCAB')
    .at(-1);
const cardText = () => mrkdwnTexts(lastCardUpdate()?.args.blocks).join('\n');
/** The private notes sent through response_url to one clicker. */

describe('voting on a card', () => {
  it('approves, asks and answers, rejects with a reason, updates the card in place and tells the requester', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    const ts = cardTs();

    // Alice approves: acknowledged with an empty 200, the card shows her vote and the tally.
    const approved = await h.click('UALICE', 'change.approve', ref(id), { ts });
    expect(approved).toMatchObject({ status: 200, text: '' });
    await h.settle();
    expect(lastCardUpdate()?.args.ts).toBe(ts);
    expect(cardText()).toContain('*Alice* approved');
    expect(cardText()).toContain('*Approvals:* 1 of 2 needed (2 of 4)');

    // Carol asks for more information: a modal for the question, then a DM to the requester and a thread reply.
    await h.click('UCAROL', 'change.request_info', ref(id), { ts });
    await h.settle();
    const askView = h.lastOpenedView();
    expect(askView.callback_id).toBe('vote.request_info');
    expect(JSON.parse(askView.private_metadata)).toEqual({ changeId: id, version: 1 });
    expect((await h.submit('UCAROL', askView, { reason: 'Which pages go read-only?' })).text).toBe('');
    await h.settle();
    const question = h
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'DUREQ' && String(c.args.text).includes('Carol asks'));
    expect(mrkdwnTexts(question?.args.blocks).join('\n')).toContain('Which pages go read-only?');
    const answerButton = (
      (question?.args.blocks ?? []) as { elements?: { action_id: string; value: string }[] }[]
    )
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id.startsWith('question.answer.'));
    expect(answerButton).toBeDefined();
    const thread = () =>
      h.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CCAB' && c.args.thread_ts === ts);
    expect(thread().map((c) => c.args.text)).toContain('Question from Carol: Which pages go read-only?');

    // The requester answers from the DM.
    await h.click('UREQ', answerButton!.action_id, answerButton!.value, { channel: 'DUREQ' });
    await h.settle();
    const answerView = h.lastOpenedView();
    expect(answerView.callback_id).toBe('question.answer');
    expect((await h.submit('UREQ', answerView, { answer: 'None; it is a rolling upgrade.' })).text).toBe('');
    await h.settle();
    expect(thread().map((c) => c.args.text)).toContain('Answer from Rita: None; it is a rolling upgrade.');
    expect(
      h
        .callsTo('chat.postMessage')
        .some((c) => c.args.channel === 'DUCAROL' && String(c.args.text).includes('Rita answered you')),
    ).toBe(true);

    // Carol rejects: the reason is required (a field error), then recorded. Medium risk has no veto: still open.
    await h.click('UCAROL', 'change.reject', ref(id), { ts });
    await h.settle();
    const rejectView = h.lastOpenedView();
    expect(rejectView.callback_id).toBe('vote.reject');
    const empty = await h.submit('UCAROL', rejectView, { reason: '' });
    expect(empty.json).toEqual({
      response_action: 'errors',
      errors: { reason: 'Give a reason for rejecting this change.' },
    });
    expect(voteCount()).toBe(1);
    expect((await h.submit('UCAROL', rejectView, { reason: 'Not during the quarter close.' })).text).toBe('');
    await h.settle();
    expect(cardText()).toContain('*Carol* rejected');
    expect(cardText()).toContain('Not during the quarter close.');
    expect(cardText()).toContain('*Rejections:* 1');
    expect(changeRow().state).toBe('authorise');

    // Dave (the change manager, known to the policy by email only) approves: the change is approved.
    await h.click('UDAVE', 'change.approve', ref(id), { ts });
    await h.settle();
    expect(changeRow().state).toBe('scheduled');
    const final = lastCardUpdate();
    expect(cardText()).toContain('*Approvals:* 2 of 2 needed');
    expect(cardText()).toMatch(/:white_check_mark: \*Approved\* by \*Alice\* and \*Dave\*/);
    expect(buttonIds(final?.args.blocks)).not.toContain('change.approve');
    expect(buttonIds(final?.args.blocks)).not.toContain('change.reject');
    const decision = h
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'DUREQ' && String(c.args.text).includes('was approved'));
    expect(decision?.args.text).toBe('CHG-1 was approved and is scheduled.');
    expect(thread().map((c) => c.args.text)).toContain('CHG-1 was approved and is scheduled.');
    expect(auditActions()).toEqual([
      'change.raised',
      'vote.approve',
      'question.asked',
      'question.answered',
      'vote.reject',
      'vote.approve',
      'change.approved',
    ]);
  });

  it('lets a rejection with a reason decide a high-risk change and tells the requester why', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', { impact: 'outage', complexity: 'complex', tested: 'no' });
    await h.click('UALICE', 'change.reject', ref(id));
    await h.settle();
    await h.submit('UALICE', h.lastOpenedView(), { reason: 'Needs a <!here> <b>test</b> run first.' });
    await h.settle();
    expect(changeRow().state).toBe('rejected');
    const dm = h
      .callsTo('chat.postMessage')
      .find((c) => c.args.channel === 'DUREQ' && String(c.args.text).includes('was rejected'));
    expect(mrkdwnTexts(dm?.args.blocks).join('\n')).toContain(
      'Alice: Needs a &lt;!here&gt; &lt;b&gt;test&lt;/b&gt; run first.',
    );
    expect(cardText()).toContain(':no_entry: *Rejected* by *Alice*');
    expect(buttonIds(lastCardUpdate()?.args.blocks)).toEqual(['change.details']);
  });
});

describe('many approvers at once', () => {
  it('counts twenty simultaneous approvals exactly and approves once', async () => {
    const approvers = Array.from({ length: 21 }, (_, i) => `UAPP${String(i + 1).padStart(2, '0')}`);
    const base = platformPolicy();
    const policy: Policy = {
      ...base,
      boards: [
        {
          id: 'cab',
          name: 'Big CAB',
          members: approvers.map((slack, i) => ({
            name: `Approver ${i + 1}`,
            slack,
            email: `${slack.toLowerCase()}@example.com`,
          })),
          channels: { slack: ['CCAB'], teams: [] },
        },
        ...base.boards.filter((b) => b.id !== 'cab'),
      ],
      routes: [
        { type: 'normal', board: 'cab', rule: { kind: 'n_of_m', n: 20 }, veto: false },
        ...base.routes.filter((r) => r.type === 'emergency'),
      ],
    };
    const users = Object.fromEntries(
      approvers.map((id, i) => [
        id,
        { name: `Approver ${i + 1}`, email: `${id.toLowerCase()}@example.com`, tz: 'UTC' },
      ]),
    );
    h = await startSlackHarness({ policy, users });
    const id = await raiseThroughSlack(h, 'UREQ');

    const replies = await Promise.all(
      approvers.slice(0, 20).map((user) => h.click(user, 'change.approve', ref(id))),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    await h.settle();

    expect(voteCount()).toBe(20);
    expect(changeRow().state).toBe('scheduled');
    expect(auditActions().filter((a) => a === 'change.approved')).toHaveLength(1);
    expect(auditActions().filter((a) => a === 'vote.approve')).toHaveLength(20);
    expect(h.callsTo('response_url')).toHaveLength(0);
    expect(cardText()).toContain('*Approvals:* 20 of 20 needed (20 of 21)');
    for (const n of [1, 20]) expect(cardText()).toContain(`*Approver ${n}* approved`);
  });
});
