import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { castVote } from '../../../src/app/use-cases/cast-vote.ts';
import { expireChange } from '../../../src/app/use-cases/expire-change.ts';
import { hoursAfter, NOW } from '../../domain/fixtures.ts';
import { platformPolicy } from '../../helpers/platform-policy.ts';
import { type ApiHarness, bearer, startApiHarness } from './api-harness.ts';

let h: ApiHarness;
let auth: Record<string, string>;
beforeEach(async () => {
  h = await startApiHarness();
  auth = bearer(h.token(['gate'], 'ci-web'));
});
afterEach(() => h.stop());

// makeDraft's window: NOW + 96 h to NOW + 98 h.
const inWindow = () => h.clock.set(hoursAfter(NOW, 97));
const check = (body: Record<string, unknown>) =>
  h.post('/api/v1/gate/check', { service: 'web', environment: 'production', ...body }, auth);
const decisionOf = async (body: Record<string, unknown>) => {
  const reply = await check(body);
  expect(reply.status).toBe(200);
  return {
    decision: reply.json.decision,
    codes: reply.json.reasons.map((r: { code: string }) => r.code),
    json: reply.json,
  };
};

describe('POST /api/v1/gate/check', () => {
  it('allows an approved change inside its window, naming the change', async () => {
    const id = h.raiseApproved();
    inWindow();
    const { decision, codes, json } = await decisionOf({ change: `CHG-${id}`, version: '1.4.2' });
    expect([decision, codes]).toEqual(['allowed', ['change_approved']]);
    expect(json.change).toMatchObject({ id, key: `CHG-${id}`, state: 'scheduled', type: 'normal' });
  });

  it('finds the approved change that covers the service when the pipeline names none', async () => {
    const id = h.raiseApproved();
    inWindow();
    const { decision, json } = await decisionOf({});
    expect(decision).toBe('allowed');
    expect(json.change.id).toBe(id);
  });

  it('prevents an approved change outside its window, before and after it', async () => {
    const id = h.raiseApproved();
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'prevented',
      codes: ['outside_window'],
    });
    h.clock.set(hoursAfter(NOW, 99));
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'prevented',
      codes: ['outside_window'],
    });
  });

  it('prevents production with no covering change, but allows an environment that requires none', async () => {
    expect(await decisionOf({})).toMatchObject({ decision: 'prevented', codes: ['no_change'] });
    expect(await decisionOf({ environment: 'staging' })).toMatchObject({
      decision: 'allowed',
      codes: ['change_not_required'],
    });
  });

  it('prevents a rejected change and an expired one', async () => {
    const rejected = h.raise();
    castVote(h.app.ctx, h.actor('UALICE', 'Alice', 'alice@example.com'), {
      changeId: rejected,
      version: 1,
      decision: 'reject',
      reason: 'Not this week.',
    });
    expect(await decisionOf({ change: rejected })).toMatchObject({
      decision: 'prevented',
      codes: ['change_rejected'],
    });
    const expired = h.raise();
    h.clock.set(hoursAfter(NOW, 73));
    expireChange(h.app.ctx, { changeId: expired, version: 1 });
    expect(await decisionOf({ change: expired })).toMatchObject({
      decision: 'prevented',
      codes: ['change_expired'],
    });
  });

  it('prevents a change that does not cover the service, and one that does not exist', async () => {
    const id = h.raiseApproved({ services: ['wiki'] });
    inWindow();
    expect(await decisionOf({ change: id })).toMatchObject({ codes: ['change_not_covering'] });
    expect(await decisionOf({ change: 'CHG-999' })).toMatchObject({
      decision: 'prevented',
      codes: ['change_not_found'],
    });
  });

  it('answers awaiting while the change is being decided, with or without naming it', async () => {
    const id = h.raise();
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'awaiting',
      codes: ['change_pending'],
    });
    inWindow();
    expect(await decisionOf({})).toMatchObject({ decision: 'awaiting', json: { change: { id } } });
  });

  it('allows a standard change under its model, and prevents it once the model no longer covers it', async () => {
    await h.stop();
    const dir = mkdtempSync(join(tmpdir(), 'changeboard-gate-'));
    const databasePath = join(dir, 'gate.db');
    try {
      h = await startApiHarness({ config: { databasePath } });
      auth = bearer(h.token(['gate'], 'ci-std'));
      const id = h.raise({ type: 'standard', modelId: 'cert-renewal' });
      inWindow();
      expect(await decisionOf({ change: id })).toMatchObject({
        decision: 'allowed',
        codes: ['change_approved'],
      });
      await h.stop();
      // The change manager narrows the model to the wiki: the same standard change no longer covers the web shop.
      const base = platformPolicy();
      const models = base.models.map((m) => (m.id === 'cert-renewal' ? { ...m, services: ['wiki'] } : m));
      h = await startApiHarness({ config: { databasePath }, policy: { ...base, models } });
      auth = bearer(h.token(['gate'], 'ci-std-2'));
      inWindow();
      expect(await decisionOf({ change: id })).toMatchObject({
        decision: 'prevented',
        codes: ['model_withdrawn'],
      });
    } finally {
      await h.stop();
      rmSync(dir, { recursive: true, force: true });
      h = await startApiHarness();
    }
  });

  it('prevents everything but an emergency change in a hard freeze, and only warns in a soft one', async () => {
    const id = h.raiseApproved();
    inWindow();
    const freeze = { start: hoursAfter(NOW, 90), end: hoursAfter(NOW, 100) };
    h.freezes.push({ name: 'Black Friday', hard: false, services: ['web'], ...freeze });
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'allowed',
      codes: ['change_approved', 'soft_freeze'],
    });
    h.freezes.push({ name: 'Year end', hard: true, services: 'all', ...freeze });
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'prevented',
      codes: ['hard_freeze', 'change_approved', 'soft_freeze'],
    });
    // A freeze protects the controlled environments only.
    expect(await decisionOf({ environment: 'staging' })).toMatchObject({ decision: 'allowed' });
    const emergency = h.raise({
      type: 'emergency',
      plannedStart: hoursAfter(NOW, 96),
      plannedEnd: hoursAfter(NOW, 98),
    });
    castVote(h.app.ctx, h.actor('UDAVE', 'Dave', 'dave@example.com'), {
      changeId: emergency,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect(await decisionOf({ change: emergency })).toMatchObject({ decision: 'allowed' });
  });

  it('audits every check with the token, the request and the answer', async () => {
    await decisionOf({
      run: { provider: 'github-actions', url: 'https://ci.example.com/run/7', commit: 'abc123' },
    });
    const event = h.audit('gate.checked')[0];
    expect(event).toMatchObject({
      actorName: 'api:ci-web',
      platform: 'api',
      data: {
        outcome: 'prevented',
        reasons: ['no_change'],
        service: 'web',
        environment: 'production',
        run: { provider: 'github-actions', url: 'https://ci.example.com/run/7', commit: 'abc123' },
      },
    });
  });

  it('long-polls while awaiting and answers allowed once the CAB approves', async () => {
    const id = h.raise({ plannedStart: hoursAfter(NOW, 1), plannedEnd: hoursAfter(NOW, 3) });
    h.clock.set(hoursAfter(NOW, 2));
    const pending = check({ change: id, wait: 10 });
    // Approve while the request is held (the poll reads the database again on its own).
    await new Promise((r) => setTimeout(r, 50));
    castVote(h.app.ctx, h.actor('UDAVE', 'Dave', 'dave@example.com'), {
      changeId: id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    const reply = await pending;
    expect(reply.json.decision).toBe('allowed');
    expect(h.audit('gate.checked')).toHaveLength(1);
  });

  it('answers 401 to a long-poll whose token was revoked while it waited', async () => {
    const id = h.raise({ plannedStart: hoursAfter(NOW, 1), plannedEnd: hoursAfter(NOW, 3) });
    h.clock.set(hoursAfter(NOW, 2));
    const pending = check({ change: id, wait: 10 });
    await new Promise((r) => setTimeout(r, 50));
    h.app.ctx.repos.apiTokens.revokeByName('ci-web', h.clock.now());
    castVote(h.app.ctx, h.actor('UDAVE', 'Dave', 'dave@example.com'), {
      changeId: id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    expect((await pending).status).toBe(401);
    expect(h.audit('gate.checked')).toHaveLength(0);
  });

  it('answers awaiting when the long-poll runs out, and serves other requests meanwhile', async () => {
    const id = h.raise();
    const pending = check({ change: id, wait: 1 });
    const health = await fetch(`${h.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect((await pending).json.decision).toBe('awaiting');
  });

  it('processes a retry with the same Idempotency-Key once and answers it the same', async () => {
    const headers = { ...auth, 'idempotency-key': 'run-7-attempt' };
    const body = { service: 'web', environment: 'production' };
    const first = await h.post('/api/v1/gate/check', body, headers);
    const again = await h.post('/api/v1/gate/check', body, headers);
    expect(again.json).toEqual(first.json);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(h.audit('gate.checked')).toHaveLength(1);
    const other = await h.post('/api/v1/gate/check', { ...body, environment: 'staging' }, headers);
    expect([other.status, other.json.error]).toEqual([422, 'idempotency_key_reused']);
  });

  it('gives a stored answer back only to retries within a minute, then looks at the change again', async () => {
    const id = h.raiseApproved();
    const windowEnd = hoursAfter(NOW, 98).getTime();
    h.clock.set(new Date(windowEnd - 45_000));
    const headers = { ...auth, 'idempotency-key': 'run-8' };
    const body = { service: 'web', environment: 'production', change: id };
    expect((await h.post('/api/v1/gate/check', body, headers)).json.decision).toBe('allowed');
    // The window has ended, but a retry 55 s later is the same request: it gets the same answer.
    h.clock.set(new Date(windowEnd + 10_000));
    expect((await h.post('/api/v1/gate/check', body, headers)).json.decision).toBe('allowed');
    h.clock.set(new Date(windowEnd + 60_000));
    const late = await h.post('/api/v1/gate/check', body, headers);
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    expect([late.json.decision, late.json.reasons[0].code]).toEqual(['prevented', 'outside_window']);
    expect(h.audit('gate.checked')).toHaveLength(2);
    // The new answer is the one stored for the key now.
    const again = await h.post('/api/v1/gate/check', body, headers);
    expect([again.headers.get('idempotent-replayed'), again.json.decision]).toEqual(['true', 'prevented']);
  });

  it('reads an environment with stray blanks as the environment it names, and refuses malformed ones', async () => {
    h.raise();
    for (const environment of ['production ', ' production', 'PRODUCTION\n']) {
      expect(await decisionOf({ environment })).toMatchObject({
        decision: 'prevented',
        codes: ['no_change'],
      });
    }
    const bad = await check({ environment: 'prod uction' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toMatch(/environment/);
  });

  it('treats a window as ending at its end: a deployment then is outside it', async () => {
    const id = h.raiseApproved();
    h.clock.set(hoursAfter(NOW, 98));
    expect(await decisionOf({ change: id })).toMatchObject({
      decision: 'prevented',
      codes: ['outside_window'],
    });
    expect(await decisionOf({})).toMatchObject({ decision: 'prevented' });
  });
});
