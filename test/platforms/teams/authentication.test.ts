import { afterEach, describe, expect, it, vi } from 'vitest';
import { personalMessage, startTeamsTestApp, type TeamsTestApp, USERS } from './teams-harness.ts';

const apps: TeamsTestApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

const withAppId = async () => {
  const t = await startTeamsTestApp({
    teams: {
      appId: '11111111-2222-3333-4444-555555555555',
      appPassword: 'not-a-real-secret',
      appType: 'SingleTenant',
      tenantId: 'tenant-1',
      allowUnauthenticated: false,
    },
  });
  apps.push(t);
  return t;
};

describe('Teams authentication', () => {
  it('refuses an unauthenticated activity with 401 when an app id is configured, and runs nothing', async () => {
    const t = await withAppId();
    const res = await t.post(personalMessage(t.connector, USERS.rita, 'help'));
    expect(res.status).toBe(401);
    expect(t.connector.calls).toEqual([]);
    expect(
      t.app.ctx.repos.people.findByIdentity({
        platform: 'teams',
        teamsUserId: USERS.rita.aadObjectId,
        name: '',
      }),
    ).toBeNull();
  });

  it('refuses a malformed bearer token with 401 when an app id is configured', async () => {
    const t = await withAppId();
    const res = await t.post(personalMessage(t.connector, USERS.rita, 'help'), {
      authorization: 'Bearer not-a-jwt',
    });
    expect(res.status).toBe(401);
    expect(t.connector.calls).toEqual([]);
  });

  it('refuses a token that Bot Framework did not issue with 401', async () => {
    // botbuilder writes refused tokens to the console itself; keep the test output clean.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const t = await withAppId();
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = `${part({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${part({ iss: 'https://attacker.example', aud: '11111111-2222-3333-4444-555555555555' })}.c2ln`;
    const res = await t.post(personalMessage(t.connector, USERS.rita, 'help'), {
      authorization: `Bearer ${forged}`,
    });
    expect(res.status).toBe(401);
    expect(t.connector.calls).toEqual([]);
    consoleError.mockRestore();
  });

  it('accepts unauthenticated activities only in the explicit emulator mode', async () => {
    const t = await startTeamsTestApp();
    apps.push(t);
    const res = await t.post(personalMessage(t.connector, USERS.rita, 'help'));
    expect(res.status).toBe(200);
    expect(t.connector.callsOf('reply')).toHaveLength(1);
  });

  it('answers 400 to a body that is not an activity', async () => {
    const t = await startTeamsTestApp();
    apps.push(t);
    const res = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_json', message: 'the body is not JSON' });
  });

  it('refuses a body above the size limit with 413', async () => {
    const t = await startTeamsTestApp();
    apps.push(t);
    const res = await t.post({
      ...personalMessage(t.connector, USERS.rita, 'help'),
      padding: 'x'.repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect(t.connector.calls).toEqual([]);
  });
});
