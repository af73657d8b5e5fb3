import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { schemaErrors } from './adaptive-schema.ts';
import { cardProblems, cardsIn, cardText, verbsOf } from './card-structure.ts';
import { openForm, raiseInTeams, VALID_FORM, vote } from './flows.ts';
import {
  type Activity,
  type CardLocation,
  executeAction,
  installedInTeam,
  personalChatOf,
  personalMessage,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

const REL_CHANNEL = '19:rel@thread.tacv2';
let t: TeamsTestApp;

beforeEach(async () => {
  t = await startTeamsTestApp({ policy: releasePolicy(platformPolicy()) });
  expect((await t.post(installedInTeam(t.connector, REL_CHANNEL))).status).toBe(200);
  // The boot's first try found no conversation to post to; the retry after the install does.
  t.clock.advanceMinutes(1);
  await t.app.worker.drain();
});
afterEach(async () => {
  // Every card the bot sent is valid Adaptive Card 1.5 and passes the structural checks.
  for (const call of t.connector.calls) {
    const activity = call.kind === 'createConversation' ? call.body?.activity : call.body;
    for (const card of cardsIn(activity)) {
      expect(schemaErrors(card), call.path).toEqual([]);
      expect(cardProblems(card), call.path).toEqual([]);
    }
  }
  await t.close();
});

const threadsIn = (channel: string) =>
  t.connector.callsOf('createConversation').filter((c) => c.body?.channelData?.channel?.id === channel);
const lastReply = (who = USERS.rita) => t.connector.messagesTo(personalChatOf(who)).at(-1)?.body;
/** Every Action.Execute verb in a card, body ActionSets included. */
const allVerbs = (card: Activity): string[] =>
  [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((m) => m[1] ?? '');
const say = (text: string, who = USERS.rita) => t.post(personalMessage(t.connector, who, text));
const invoke = async (where: CardLocation, verb: string, data: Activity, who = USERS.rita) => {
  const res = await t.post(executeAction(t.connector, who, where, verb, data));
  expect(res.status).toBe(200);
  const card = res.body?.value;
  expect(schemaErrors(card)).toEqual([]);
  return card;
};

describe('releases in Teams', () => {
  it('runs a train instance to completed: cards, reminders, checklist toggles, announcements', async () => {
    const cards = threadsIn(REL_CHANNEL);
    expect(cards.map((c) => cardsIn(c.body.activity)[0].fallbackText)).toEqual([
      'REL-1 Weekly web release 3 Mar 2026: Planned',
      'REL-2 Weekly web release 10 Mar 2026: Planned',
    ]);
    const root = cards[0]!.answeredId!;
    const rel1: CardLocation = {
      conversationId: root,
      messageId: root.split(';messageid=')[1]!,
      channelId: REL_CHANNEL,
    };

    const { changeId, cabCard } = await raiseInTeams(t);
    await say(`release add CHG-${changeId} REL-1`);
    expect(lastReply().text).toBe(`CHG-${changeId} rides REL-1.`);
    await say('release start REL-1');
    expect(lastReply().text).toBe(
      `REL-1 cannot start: CHG-${changeId} is not approved yet. Get it approved, or drop it from the release.`,
    );
    await say('release add CHG-1 REL-1', USERS.olga);
    expect(lastReply(USERS.olga).text).toBe(
      'Only the release managers of REL-1 or a change manager can do that.',
    );

    // The cut-off reminder reaches the release channel and Rita, listing the unapproved change.
    t.connector.clear();
    t.clock.set(new Date('2026-03-03T07:00:00Z'));
    await t.app.worker.drain();
    const reminder = cardsIn(threadsIn(REL_CHANNEL)[0]?.body.activity)[0];
    expect(cardText(reminder)).toContain(
      'Cut-off: changes in REL-1 Weekly web release 3 Mar 2026 must be approved now.',
    );
    expect(cardText(reminder)).toContain(
      `CHG-${changeId} Upgrade the wiki to 2.4 — Awaiting approval (waiting on`,
    );
    expect(allVerbs(reminder)).toEqual(['release.nudge', 'release.drop']);
    expect(cardText(cardsIn(lastReply())[0])).toContain('Cut-off');

    // A checklist toggle answers with the fresh card and updates the channel copy in place.
    t.connector.clear();
    const ticked = await invoke(rel1, 'release.tick', { releaseId: 1, index: 0, done: 1 });
    expect(cardText(ticked)).toContain('Ticked.');
    expect(cardText(ticked)).toContain('☑ Identify the release model (Rita)');
    await t.app.worker.drain();
    const updates = t.connector.callsOf('update');
    expect(updates.map((u) => [u.conversationId, u.activityId])).toEqual([[root, rel1.messageId]]);
    expect(cardText(cardsIn(updates[0]?.body)[0])).toContain('☑ Identify the release model (Rita)');

    const refused = await invoke(rel1, 'release.start', { releaseId: 1 });
    expect(cardText(refused)).toContain('cannot start');
    // A medium-risk change: two of the CAB approve it.
    await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 });
    await vote(t, USERS.carol, cabCard, 'approve', { changeId, version: 1 });
    await t.app.worker.drain();
    t.connector.clear();
    const started = await invoke(rel1, 'release.start', { releaseId: 1 });
    expect(cardText(started)).toContain('REL-1 has started.');
    expect(verbsOf(started)).toEqual(['release.complete', 'release.notes']);
    expect(allVerbs(started).filter((v) => v === 'release.tick')).toHaveLength(6);
    await t.app.worker.drain();
    expect(cardText(cardsIn(threadsIn(REL_CHANNEL)[0]?.body.activity)[0])).toContain(
      'REL-1 Weekly web release 3 Mar 2026 has started (Rita).',
    );

    t.connector.clear();
    const incomplete = await invoke(rel1, 'release.complete', { releaseId: 1 });
    expect(cardText(incomplete)).toContain('Choose how it went.');
    const done = await invoke(rel1, 'release.complete', {
      releaseId: 1,
      releaseOutcome: 'rolled_back',
      releaseNotes: 'Reverted.',
    });
    expect(cardText(done)).toContain('REL-1 is complete.');
    expect(JSON.stringify(done)).toContain('Completed — Rolled back');
    await t.app.worker.drain();
    const announced = cardText(cardsIn(threadsIn(REL_CHANNEL)[0]?.body.activity)[0]);
    expect(announced).toContain('REL-1 Weekly web release 3 Mar 2026 is complete: Rolled back.');
    expect(announced).toContain(`• CHG-${changeId} Upgrade the wiki to 2.4 (normal · wiki) — Rita`);
  });

  it('plans a release from the form card, with errors under the fields', async () => {
    await say('release new');
    const form = cardsIn(lastReply())[0];
    expect(schemaErrors(form)).toEqual([]);
    const where = { conversationId: personalChatOf(USERS.rita), messageId: 'form-1' };
    const bad = await invoke(where, 'release.submit', {
      tz: 'Europe/Berlin',
      releaseModel: 'hotfix',
      releaseStartDate: '2026-03-05',
      releaseStartTime: '10:00',
      releaseWindow: 'soon',
    });
    expect(cardText(bad)).toContain('Give a duration such as 2h or 90m.');
    const ok = await invoke(where, 'release.submit', {
      tz: 'Europe/Berlin',
      releaseModel: 'hotfix',
      releaseName: 'Pay 1.2.1',
      releaseStartDate: '2026-03-05',
      releaseStartTime: '10:00',
      releaseWindow: '30m',
    });
    expect(cardText(ok)).toContain('REL-3 is planned');
    await t.app.worker.drain();
    expect(cardsIn(threadsIn(REL_CHANNEL).at(-1)?.body.activity)[0].fallbackText).toBe(
      'REL-3 Pay 1.2.1: Planned',
    );
  });

  it('lets the change form put the change on a release whose model covers its services', async () => {
    const where = await openForm(t);
    const form = cardsIn(lastReply())[0];
    const field = form.body.find((e: { id?: string }) => e.id === 'release');
    expect(field.choices.map((c: { title: string }) => c.title)).toEqual([
      'REL-1 Weekly web release 3 Mar 2026',
      'REL-2 Weekly web release 10 Mar 2026',
    ]);
    const outside = await invoke(where, 'submit_change', {
      tz: 'Europe/Berlin',
      ...VALID_FORM,
      services: 'crm',
      release: '1',
    });
    expect(cardText(outside)).toContain(
      'REL-1 does not cover crm: pick a release whose model covers every affected service.',
    );
    const raised = await invoke(where, 'submit_change', { tz: 'Europe/Berlin', ...VALID_FORM, release: '1' });
    // The release's name is typed by a release manager: a TextRun, never a markdown fact.
    expect(JSON.stringify(raised)).toContain(
      '"type":"TextRun","text":"Release: REL-1 Weekly web release 3 Mar 2026"',
    );
    expect(JSON.stringify(raised)).not.toContain('"title":"Release"');
    expect(t.app.ctx.repos.releases.changeIds(1)).toEqual([1]);
  });
});
