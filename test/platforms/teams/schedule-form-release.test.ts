import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { releasePolicy } from '../../app/release/release-fixture.ts';
import { schedulePlatformPolicy } from '../../helpers/schedule-policy.ts';
import { inputsOf } from './card-structure.ts';
import { expectValidCards, invokeCard, openForm, VALID_FORM } from './flows.ts';
import { executeAction, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

let t: TeamsTestApp;
beforeEach(async () => {
  t = await startTeamsTestApp({ policy: releasePolicy(schedulePlatformPolicy()) });
});
afterEach(async () => {
  expectValidCards(t);
  await t.close();
});

describe('the Teams change form with an upcoming release', () => {
  it('keeps the release picked through "Check window"', async () => {
    const where = await openForm(t, USERS.ivan);
    const form = { tz: 'Europe/Berlin', ...VALID_FORM, release: '1' };
    const checked = invokeCard(
      (await t.post(executeAction(t.connector, USERS.ivan, where, 'schedule_check', form))).body,
    );
    expect(inputsOf(checked).get('release')?.value).toBe('1');
  });
});
