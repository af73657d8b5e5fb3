import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import type { Policy } from '../../../src/domain/policy/types.ts';
import { hoursAfter, NOW } from '../../domain/fixtures.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { type ApiHarness, bearer, startApiHarness } from './api-harness.ts';

// The change window (makeDraft): Friday 6 March 2026, 09:00–11:00 UTC (NOW + 96 h to NOW + 98 h).
const gatePolicy = (freezes: Policy['freezes']): Policy => ({
  ...platformPolicy(),
  gate: { requireChangeIn: ['production'] },
  freezes,
});
const yearEnd = {
  name: 'Year end',
  timing: { kind: 'once', start: hoursAfter(NOW, 90), end: hoursAfter(NOW, 100) },
  services: 'all',
  level: 'hard',
  message: 'Only emergencies.',
} as const;
// Every Friday 08:00–12:00 UTC on web: the gate sees this Friday's occurrence.
const fridayReleaseTrain = {
  name: 'Friday release train',
  timing: { kind: 'recurring', cron: '0 8 * * 5', timezone: 'UTC', durationMinutes: 240 },
  services: ['web'],
  level: 'soft',
  message: '',
} as const;

let dir: string;
let h: ApiHarness | null = null;
let starts = 0;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'changeboard-gate-freezes-'));
});
afterEach(async () => {
  await h?.stop();
  h = null;
  rmSync(dir, { recursive: true, force: true });
});

/** Changeboard on one database file with the gate reading the policy's own freezes (no test source). */
async function start(freezes: Policy['freezes']) {
  await h?.stop();
  h = await startApiHarness({
    policy: gatePolicy(freezes),
    policyFreezes: true,
    config: { databasePath: join(dir, 'gate.db') },
  });
  h.clock.set(hoursAfter(NOW, 97));
  const auth = bearer(h.token(['gate'], `ci-start-${++starts}`));
  const harness = h;
  return async (body: Record<string, unknown>) => {
    const reply = await harness.post(
      '/api/v1/gate/check',
      { service: 'web', environment: 'production', ...body },
      auth,
    );
    expect(reply.status).toBe(200);
    return reply.json as { decision: string; reasons: { code: string; message: string }[] };
  };
}

describe('the gate reads the freezes written in the policy file', () => {
  it('prevents an approved change in a hard freeze, naming it; lets an emergency through; a soft freeze warns', async () => {
    // Approved before the freezes were written into the policy (raising into a hard freeze is refused).
    let check = await start([]);
    h!.clock.set(NOW);
    const id = h!.raiseApproved();
    h!.clock.set(hoursAfter(NOW, 97));
    expect((await check({ change: id })).decision).toBe('allowed');

    // The policy now has a soft freeze only: allowed, with its reason.
    check = await start([fridayReleaseTrain]);
    const soft = await check({ change: id });
    expect(soft.decision).toBe('allowed');
    expect(soft.reasons.map((r) => r.code)).toEqual(['change_approved', 'soft_freeze']);
    expect(soft.reasons[1]!.message).toBe(
      'Soft freeze "Friday release train" until 2026-03-06T12:00:00.000Z: justify the deployment.',
    );

    // And a hard freeze on every service: prevented, the freeze named.
    check = await start([yearEnd, fridayReleaseTrain]);
    const hard = await check({ change: id });
    expect(hard.decision).toBe('prevented');
    expect(hard.reasons.map((r) => r.code)).toEqual(['hard_freeze', 'change_approved', 'soft_freeze']);
    expect(hard.reasons[0]!.message).toBe(
      'Hard freeze "Year end" until 2026-03-06T13:00:00.000Z: only emergency changes may deploy.',
    );
    // Outside the freeze the same change deploys.
    expect((await check({ environment: 'staging' })).decision).toBe('allowed');

    // An emergency change, raised into the freeze (the schedule admits emergencies), passes the gate.
    const emergency = h!.raise({ type: 'emergency' });
    castVote(h!.app.ctx, h!.actor('UDAVE', 'Dave', 'dave@example.com'), {
      changeId: emergency,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    const passed = await check({ change: emergency });
    expect(passed.decision).toBe('allowed');
    expect(passed.reasons.map((r) => r.code)).toContain('soft_freeze');
  });

  it('does not stop a service the hard freeze does not name, nor once the occurrence is over', async () => {
    const check = await start([{ ...yearEnd, services: ['wiki'] }]);
    expect((await check({})).reasons.map((r) => r.code)).toEqual(['no_change']);
    const onWiki = await check({ service: 'wiki' });
    expect(onWiki.reasons.map((r) => r.code)).toEqual(['hard_freeze', 'no_change']);
    h!.clock.set(hoursAfter(NOW, 100));
    expect((await check({ service: 'wiki' })).reasons.map((r) => r.code)).toEqual(['no_change']);
  });
});
