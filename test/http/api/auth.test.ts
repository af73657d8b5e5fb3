import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeApiToken } from '../../../src/app/api/tokens.ts';
import { type ApiHarness, bearer, startApiHarness } from './api-harness.ts';

let h: ApiHarness;
beforeEach(async () => {
  h = await startApiHarness();
});
afterEach(() => h.stop());

const check = { service: 'web', environment: 'staging' };

describe('/api/v1 authentication', () => {
  it('answers 401 without a token, and records nothing', async () => {
    const reply = await h.post('/api/v1/gate/check', check);
    expect(reply.status).toBe(401);
    expect(reply.json).toMatchObject({ error: 'unauthorized' });
    expect(h.audit('gate.checked')).toEqual([]);
  });

  it('answers 401 for a wrong token, a malformed one and another scheme', async () => {
    const real = h.token(['gate']);
    const forged = `${real.slice(0, -4)}AAAA`;
    for (const authorization of [`Bearer ${forged}`, 'Bearer cb_nonsense', `Basic ${real}`]) {
      const reply = await h.post('/api/v1/gate/check', check, { authorization });
      expect([authorization, reply.status, reply.json.error]).toEqual([authorization, 401, 'unauthorized']);
    }
  });

  it('answers 401 once the token is revoked', async () => {
    const token = h.token(['gate'], 'ci-payments');
    expect((await h.post('/api/v1/gate/check', check, bearer(token))).status).toBe(200);
    expect(revokeApiToken(h.app.ctx, { name: 'ci-payments', revokedBy: 'test', platform: 'cli' }).ok).toBe(
      true,
    );
    const reply = await h.post('/api/v1/gate/check', check, bearer(token));
    expect(reply.status).toBe(401);
  });

  it('answers 403 naming the scope when the token lacks it', async () => {
    const token = h.token(['deployments', 'read']);
    const reply = await h.post('/api/v1/gate/check', check, bearer(token));
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ error: 'forbidden', scope: 'gate' });
  });

  it('stores only a hash of the token', () => {
    const token = h.token(['gate']);
    const rows = h.app.database.sqlite.prepare('SELECT * FROM api_tokens').all();
    expect(JSON.stringify(rows)).not.toContain(token.split('_').at(-1));
  });
});

describe('/api/v1 bodies', () => {
  it('answers 400 naming each offending field, and records nothing', async () => {
    const token = h.token(['gate']);
    const reply = await h.post(
      '/api/v1/gate/check',
      { service: 'nope', run: { provider: 'github-actions', url: 'not a url' }, extra: 1 },
      bearer(token),
    );
    expect(reply.status).toBe(400);
    expect(reply.json.error).toBe('invalid_body');
    const fields = reply.json.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['service', 'environment', 'run.url', '(body)']));
    expect(reply.json.message).toContain('environment');
    expect(h.audit('gate.checked')).toEqual([]);
  });

  it('refuses a run URL that is not http(s)', async () => {
    const reply = await h.post(
      '/api/v1/gate/check',
      { service: 'web', environment: 'staging', run: { provider: 'x', url: 'javascript:alert(1)' } },
      bearer(h.token(['gate'])),
    );
    expect([reply.status, reply.json.fields]).toEqual([
      400,
      [{ field: 'run.url', message: 'must be an http(s) URL' }],
    ]);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const reply = await h.post('/api/v1/gate/check', '{"service":', bearer(h.token(['gate'])));
    expect([reply.status, reply.json.error]).toEqual([400, 'invalid_json']);
  });
});

describe('/api/v1/openapi.json', () => {
  it('describes the gate and deployments with the request schemas', async () => {
    const reply = await h.get('/api/v1/openapi.json');
    expect(reply.status).toBe(200);
    expect(reply.json.openapi).toBe('3.1.0');
    const gate = reply.json.paths['/gate/check'].post;
    const schema = gate.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['service', 'environment']));
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['service', 'environment', 'change', 'version', 'run', 'wait']),
    );
    expect(Object.keys(reply.json.paths)).toContain('/deployments');
  });
});
