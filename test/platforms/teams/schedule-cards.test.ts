import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { cardsIn, cardText } from './card-structure.ts';
import { expectValidCards, openForm, raiseInTeams, VALID_FORM } from './flows.ts';
import {
  CAB_CHANNEL,
  executeAction,
  installedInTeam,
  startTeamsTestApp,
  type TeamsTestApp,
  USERS,
} from './teams-harness.ts';

const ECAB_CHANNEL = '19:ecab@thread.tacv2';

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: schedulePlatformPolicy() });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('the schedule on the Teams approval card', () => {
  it('updates the earlier card in the CAB channel to name a later overlapping change, and the new card names it', async () => {
    const first = await raiseInTeams(t);
    const before = t.connector.callsOf('update').length;
    const where = await openForm(t, USERS.ivan);
    const res = await t.post(
      executeAction(t.connector, USERS.ivan, where, 'submit_change', {
        ...VALID_FORM,
        tz: 'Europe/Berlin',
        title: 'Reindex the wiki search',
        plannedStartTime: '11:00',
        plannedEndTime: '13:00',
      }),
    );
    expect(res.status).toBe(200);
    await t.app.worker.drain();
    const second = first.changeId + 1;

    const updated = t.connector
      .callsOf('update')
      .slice(before)
      .filter(
        (c) =>
          c.path.includes(encodeURIComponent(first.cabCard.conversationId)) ||
          c.path.includes(first.cabCard.messageId),
      )
      .flatMap((c) => cardsIn(c.body));
    expect(updated.map(cardText).join('\n')).toContain(
      `⚠️ Overlaps CHG-${second} "Reindex the wiki search" (Awaiting approval)`,
    );

    const posted = t.connector
      .callsOf('createConversation')
      .filter((c) => c.body?.channelData?.channel?.id === CAB_CHANNEL)
      .flatMap((c) => cardsIn(c.body?.activity));
    const secondCard = posted.find((card) => cardText(card).includes(`CHG-${second} ·`));
    expect(cardText(secondCard)).toContain(
      `⚠️ Overlaps CHG-${first.changeId} "Upgrade the wiki to 2.4" (Awaiting approval)`,
    );
  });

  it('tells the ECAB that an emergency change is inside a hard freeze', async () => {
    expect((await t.post(installedInTeam(t.connector, ECAB_CHANNEL))).status).toBe(200);
    const where = await openForm(t);
    const res = await t.post(
      executeAction(t.connector, USERS.rita, where, 'submit_change', {
        ...VALID_FORM,
        tz: 'Europe/Berlin',
        type: 'emergency',
        plannedStartDate: '2026-03-11',
        plannedEndDate: '2026-03-11',
      }),
    );
    expect(res.status).toBe(200);
    await t.app.worker.drain();
    const ecab = t.connector
      .callsOf('createConversation')
      .filter((c) => c.body?.channelData?.channel?.id === ECAB_CHANNEL)
      .flatMap((c) => cardsIn(c.body?.activity));
    expect(ecab).toHaveLength(1);
    expect(cardText(ecab[0])).toContain(
      '❄️ Inside the change freeze "Quarter close" (hard freeze, emergency only). Finance closes the quarter.',
    );
  });
});
