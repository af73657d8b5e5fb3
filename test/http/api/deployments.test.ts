import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hoursAfter, NOW } from '../../domain/fixtures.ts';
import { cardsIn, cardText } from '../../platforms/teams/card-structure.ts';
import { expectValidCards } from '../../platforms/teams/flows.ts';
import type { TeamsTestApp } from '../../platforms/teams/teams-harness.ts';
import { type ApiHarness, bearer, startApiHarness } from './api-harness.ts';

let h: ApiHarness;
let auth: Record<string, string>;
beforeEach(async () => {
  h = await startApiHarness({ platforms: true });
  auth = bearer(h.token(['deployments', 'read'], 'ci-web'));
});
afterEach(async () => {
  expectValidCards({ connector: h.platforms!.connector } as TeamsTestApp);
  await h.stop();
});

const p = () => h.platforms!;
const deploy = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  h.post(
    '/api/v1/deployments',
    {
      service: 'web',
      environment: 'production',
      version: '1.4.2',
      run: { provider: 'github-actions', url: 'https://ci.example.com/runs/42', commit: 'abc123' },
      ...body,
    },
    { ...auth, ...headers },
  );
const state = (id: number) => h.app.ctx.repos.changes.get(id)?.state;
const slackText = (call: { args: Record<string, unknown> }) =>
  JSON.stringify(call.args.blocks ?? call.args.text);

/** An approved change with its cards posted on both platforms, now inside its window. */
async function approvedWithCards(): Promise<number> {
  const id = h.raiseApproved();
  await p().settle();
  h.clock.set(hoursAfter(NOW, 97));
  return id;
}

describe('POST /api/v1/deployments', () => {
  it('refuses a bad body naming the fields, and records nothing', async () => {
    const reply = await deploy({ status: 'exploded', version: '' });
    expect(reply.status).toBe(400);
    expect(reply.json.fields.map((f: { field: string }) => f.field).sort()).toEqual(['status', 'version']);
    expect(h.count('deployments')).toBe(0);
    expect(h.count('jobs')).toBe(0);
  });

  it('records a retry with the same Idempotency-Key once', async () => {
    const id = await approvedWithCards();
    const key = { 'idempotency-key': 'deploy-42' };
    const first = await deploy({ change: `CHG-${id}`, status: 'started' }, key);
    const again = await deploy({ change: `CHG-${id}`, status: 'started' }, key);
    expect(first.status).toBe(201);
    expect(again.json).toEqual(first.json);
    expect(h.count('deployments')).toBe(1);
    expect(h.audit('deployment.recorded')).toHaveLength(1);
  });

  it('starts the approved change on its first started deployment and shows it on both platforms', async () => {
    const id = await approvedWithCards();
    const reply = await deploy({ change: id, status: 'started' });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      startedChange: true,
      unregistered: false,
      deployment: { change: { id } },
    });
    expect(state(id)).toBe('implement');
    expect(h.audit('change.start')[0]).toMatchObject({ actorName: 'api:ci-web', changeId: id });
    await p().settle();
    const slackUpdates = p()
      .slack.callsTo('chat.update')
      .filter((c) => c.args.channel === 'CCAB');
    expect(slackText(slackUpdates.at(-1)!)).toContain('web 1.4.2 → production: *Started*');
    const teamsUpdates = p().connector.callsOf('update');
    const lastTeams = cardText(cardsIn(teamsUpdates.at(-1)!.body)[0]);
    expect(lastTeams).toContain('web 1.4.2 → production');
    expect(lastTeams).toContain('Started');
    // The thread on both platforms hears about it.
    const threadReplies = p()
      .slack.callsTo('chat.postMessage')
      .filter((c) => c.args.thread_ts);
    expect(threadReplies.map((c) => c.args.text).join('\n')).toContain(`Deployment of CHG-${id}`);
    expect(
      p()
        .connector.callsOf('send')
        .some((c) => String(c.body?.text).includes(`Deployment of CHG-${id}`)),
    ).toBe(true);

    // A second report (succeeded) is listed too, and does not start anything again.
    await deploy({ change: id, status: 'succeeded' });
    await p().settle();
    const listed = await h.get(`/api/v1/deployments?change=CHG-${id}`, auth);
    expect(listed.json.deployments.map((d: { status: string }) => d.status)).toEqual([
      'succeeded',
      'started',
    ]);
    expect(h.audit('change.start')).toHaveLength(1);
  });

  it('leaves the change scheduled for a staging rehearsal, then starts it with the production deployment', async () => {
    const id = await approvedWithCards();
    await deploy({ change: id, status: 'started', environment: 'staging' });
    expect(state(id)).toBe('scheduled');
    await deploy({ change: id, status: 'started' });
    expect(state(id)).toBe('implement');
  });

  it('counts a deployment against the approved change covering it when the pipeline names none', async () => {
    const id = await approvedWithCards();
    const reply = await deploy({ status: 'started' });
    expect(reply.json.deployment.change).toEqual({ id, key: `CHG-${id}` });
    expect(state(id)).toBe('implement');
  });

  it('asks the implementers to record the outcome when a deployment fails', async () => {
    const id = await approvedWithCards();
    await deploy({ change: id, status: 'started' });
    await deploy({ change: id, status: 'failed' });
    await p().settle();
    const dms = p()
      .slack.callsTo('chat.postMessage')
      .filter((c) => !c.args.thread_ts && slackText(c).includes('Record the outcome'));
    expect(dms.length).toBeGreaterThanOrEqual(1);
    expect(slackText(dms[0]!)).toContain(`Deployment of CHG-${id} failed`);
  });

  it('refuses a change that does not exist, recording nothing', async () => {
    const reply = await deploy({ change: 'CHG-404', status: 'started' });
    expect([reply.status, reply.json.error]).toEqual([422, 'not_found']);
    expect(h.count('deployments')).toBe(0);
  });

  it('answers 403 to a token without the deployments scope', async () => {
    const reply = await h.post('/api/v1/deployments', {}, bearer(h.token(['gate'])));
    expect(reply.status).toBe(403);
  });
});
