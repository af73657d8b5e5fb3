import { afterEach, describe, expect, it } from 'vitest';
import { editChange } from '../../../src/app/use-cases/edit-change.ts';
import { makeDraft } from '../../domain/fixtures.ts';
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
const changeRow = (id = 1) =>
  db().prepare('SELECT state, version FROM changes WHERE id = ?').get(id) as {
    state: string;
    version: number;
  };
/** The private notes sent through response_url to one clicker. */
const notesTo = (actionId: string, user: string) =>
  h
    .callsTo('response_url')
    .filter((c) => c.args.id === `${actionId}-${user}`)
    .map((c) => String(c.args.text));

describe('refused votes are private and change nothing', () => {
  const unchanged = (before: {
    votes: number;
    audit: number;
    change: { state: string; version: number };
  }) => {
    expect(voteCount()).toBe(before.votes);
    expect(count('SELECT count(*) AS n FROM audit_events')).toBe(before.audit);
    expect(changeRow()).toEqual(before.change);
  };
  const snapshot = () => ({
    votes: voteCount(),
    audit: count('SELECT count(*) AS n FROM audit_events'),
    change: changeRow(),
  });

  it('refuses the requester voting on their own change', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    const before = snapshot();
    const reply = await h.click('UREQ', 'change.approve', ref(id));
    await h.settle();
    expect(reply.status).toBe(200);
    expect(notesTo('change.approve', 'UREQ')).toEqual([
      ':no_entry: You raised this change, so you cannot approve it (segregation of duties).',
    ]);
    expect(
      h
        .callsTo('response_url')
        .every((c) => c.args.response_type === 'ephemeral' && c.args.replace_original === false),
    ).toBe(true);
    // The refusal itself is evidence (segregation of duties): one `vote.refused` audit event, nothing else.
    unchanged({ ...before, audit: before.audit + 1 });
    expect(count(`SELECT count(*) AS n FROM audit_events WHERE action = 'vote.refused'`)).toBe(1);
  });

  it('refuses someone outside the CAB', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    const before = snapshot();
    await h.click('UOUT', 'change.approve', ref(id));
    await h.settle();
    expect(notesTo('change.approve', 'UOUT')).toEqual([
      ':no_entry: Only members of Change Advisory Board can vote on CHG-1.',
    ]);
    unchanged(before);
  });

  it('refuses a second click, also when both arrive at once', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    await Promise.all([
      h.click('UALICE', 'change.approve', ref(id)),
      h.click('UALICE', 'change.approve', ref(id)),
    ]);
    await h.settle();
    expect(voteCount()).toBe(1);
    const before = snapshot();
    await h.click('UALICE', 'change.approve', ref(id));
    await h.settle();
    const notes = notesTo('change.approve', 'UALICE');
    expect(notes).toHaveLength(2);
    for (const note of notes)
      expect(note).toMatch(/^:no_entry: You already approved CHG-1 on 2 Mar 2026, 10:00 CET\.$/);
    unchanged(before);
  });

  it('refuses a vote on a change already decided, saying who decided it and when', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ');
    await h.click('UALICE', 'change.approve', ref(id));
    await h.settle();
    expect(changeRow().state).toBe('scheduled');
    const before = snapshot();
    await h.click('UCAROL', 'change.approve', ref(id));
    await h.settle();
    expect(notesTo('change.approve', 'UCAROL')).toEqual([
      ':no_entry: CHG-1 was approved by Alice on 2 Mar 2026, 10:00 CET; it is now scheduled.',
    ]);
    unchanged(before);
  });

  it('refuses a vote on an older version of the change', async () => {
    h = await startSlackHarness();
    const id = await raiseThroughSlack(h, 'UREQ', MEDIUM_RISK);
    const ctx = h.app.ctx;
    const requester = ctx.repos.people.findByIdentity({ platform: 'slack', slackUserId: 'UREQ', name: '' })!;
    const edited = editChange(
      ctx,
      { person: requester, platform: 'slack' },
      {
        changeId: id,
        expectedVersion: 1,
        draft: makeDraft({
          title: 'Upgrade the wiki to 2.5',
          risk: {
            impact: 'degraded',
            complexity: 'moderate',
            tested: 'partially',
            backout: 'hard',
            failedBefore: false,
          },
        }),
      },
    );
    expect(edited.ok).toBe(true);
    await h.settle();
    const before = snapshot();
    await h.click('UALICE', 'change.approve', ref(id, 1));
    await h.settle();
    expect(notesTo('change.approve', 'UALICE')).toEqual([
      ':no_entry: This card shows version 1; the change was edited since (now version 2). Look at the updated card and vote again.',
    ]);
    unchanged(before);
  });
});
