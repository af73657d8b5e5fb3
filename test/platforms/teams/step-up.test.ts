import { afterEach, describe, expect, it } from 'vitest';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { cardText, verbsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, raiseInTeams, VALID_FORM, vote } from './flows.ts';
import { executeAction, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

let t: TeamsTestApp;
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

/** 9 points on the wiki: high risk. */
const HIGH_FORM = { ...VALID_FORM, impact: 'outage', complexity: 'complex', testPlan: 'Open three pages.' };
const votes = () =>
  (t.app.database.sqlite.prepare('SELECT count(*) AS n FROM votes').get() as { n: number }).n;

describe('step-up confirmation of a high-risk approval in Teams', () => {
  it('answers Approve with a confirmation card; only its confirm counts', async () => {
    const base = platformPolicy();
    t = await startTeamsTestApp({
      policy: { ...base, defaults: { ...base.defaults, stepUpRisk: ['high'] } },
    });
    const { changeId, cabCard } = await raiseInTeams(t, { form: HIGH_FORM });
    expect(t.app.ctx.repos.changes.get(changeId)?.riskLevel).toBe('high');

    const confirm = invokeCard((await vote(t, USERS.bob, cabCard, 'approve', { changeId, version: 1 })).body);
    expect(votes()).toBe(0);
    expect(cardText(confirm)).toContain(`Confirm your approval of CHG-${changeId}`);
    expect(cardText(confirm)).toContain('Run the upgrade playbook.');
    expect(verbsOf(confirm)).toEqual(['confirm_approve', 'refresh']);
    const data = confirm.actions[0].data;
    expect(data).toEqual({ changeId, version: 1, fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) });

    // A forged fingerprint is refused and records nothing.
    const forged = invokeCard(
      (
        await t.post(
          executeAction(t.connector, USERS.bob, cabCard, 'confirm_approve', {
            ...data,
            fingerprint: '0'.repeat(32),
          }),
        )
      ).body,
    );
    expect(cardText(forged)).toContain('changed after you opened the confirmation');
    expect(votes()).toBe(0);

    const done = invokeCard(
      (await t.post(executeAction(t.connector, USERS.bob, cabCard, 'confirm_approve', data))).body,
    );
    expect(cardText(done)).toContain(`You approved CHG-${changeId}.`);
    expect(votes()).toBe(1);
  });
});
