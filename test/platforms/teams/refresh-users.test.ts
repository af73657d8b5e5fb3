import { afterEach, describe, expect, it } from 'vitest';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { cardsIn } from './card-structure.ts';
import { expectValidCards, raiseInTeams } from './flows.ts';
import { CAB_CHANNEL, startTeamsTestApp, type TeamsTestApp } from './teams-harness.ts';

let t: TeamsTestApp;
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('per-person refresh on a large CAB', () => {
  it('names at most 60 approvers in refresh.userIds, the limit Teams allows', async () => {
    const policy = platformPolicy();
    const extra = Array.from({ length: 70 }, (_, i) => ({
      name: `Member ${i}`,
      email: `member${i}@example.com`,
      teams: `aad-m${i}`,
    }));
    const [cab, ...others] = policy.boards;
    t = await startTeamsTestApp({
      policy: { ...policy, boards: [{ ...cab!, members: [...cab!.members, ...extra] }, ...others] },
    });
    // All of them have used the bot in Teams before, so their Teams user ids are known.
    const { ctx } = t.app;
    ctx.database.sqlite
      .transaction(() => {
        for (const [i, m] of extra.entries()) {
          ctx.repos.people.resolve(
            {
              platform: 'teams',
              teamsUserId: m.teams,
              teamsChannelId: `29:m${i}`,
              name: m.name,
              email: m.email,
            },
            ctx.clock(),
          );
        }
      })
      .immediate();

    await raiseInTeams(t);
    const posted = t.connector
      .callsOf('createConversation')
      .find((c) => c.body.channelData?.channel?.id === CAB_CHANNEL)!;
    const card = cardsIn(posted.body.activity)[0];
    expect(card.refresh.userIds).toHaveLength(60);
    expect(new Set(card.refresh.userIds).size).toBe(60);
  });
});
