import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveActor } from '../../src/app/context.ts';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { raiseChange } from '../../src/app/use-cases/raise-change.ts';
import { type Changeboard, startChangeboard } from '../../src/changeboard.ts';
import type { Config, MetricsEndpointConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { testClock } from '../app/harness.ts';
import { makeDraft } from '../domain/fixtures.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { platformPolicy } from '../helpers/platform-policy.ts';
import { formBody, signedHeaders } from '../helpers/slack-signing.ts';
import { slackTestConfig } from '../platforms/slack/slack-harness.ts';

const SECRET = 'metrics-signing-secret';
const TOKEN = 'scrape-token-0123456789';
let app: Changeboard | null = null;
let clock = testClock();
let fake: FakeSlackApi | null = null;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = null;
  fake = null;
});

async function start(metrics: MetricsEndpointConfig): Promise<Changeboard> {
  fake = await startFakeSlackApi();
  fake.addUser('UREQ', { name: 'Rita', email: 'rita@example.com', tz: 'UTC' });
  const config: Config = {
    ...slackTestConfig({ signingSecret: SECRET, apiUrl: fake.apiUrl, appToken: null }),
    metrics,
  };
  clock = testClock();
  app = await startChangeboard({
    config,
    policy: platformPolicy(),
    log: silentLogger,
    clock: clock.now,
    heartbeat: null,
  });
  return app;
}

const scrape = (port: number, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${port}/metrics`, { headers });

/** The value of one exact sample line, e.g. `name_count{a="b"}`. */
const sampleOf = (text: string, sample: string): number | null => {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? null : Number(line.slice(sample.length + 1));
};

const family = (families: ParsedFamily[], name: string) => {
  const found = families.find((f) => f.name === name);
  if (!found) throw new Error(`no metric family ${name}`);
  return found;
};

describe('GET /metrics', () => {
  it('needs the bearer token, then serves request, ack, job, vote, refusal and error metrics', async () => {
    const cb = await start({ token: TOKEN, port: null, host: '127.0.0.1' });
    const body = formBody({
      command: '/change',
      text: 'help',
      user_id: 'UREQ',
      team_id: 'T0',
      trigger_id: 't1',
      response_url: fake!.responseUrl('c'),
    });
    const res = await fetch(`http://127.0.0.1:${cb.port}/slack/events`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...signedHeaders(SECRET, body) },
    });
    expect(res.status).toBe(200);
    const rita = resolveActor(cb.ctx, {
      platform: 'slack',
      slackUserId: 'UREQ',
      name: 'Rita',
      email: 'rita@example.com',
    });
    const alice = resolveActor(cb.ctx, {
      platform: 'slack',
      slackUserId: 'UALICE',
      name: 'Alice',
      email: 'alice@example.com',
    });
    const raised = raiseChange(cb.ctx, rita, { draft: makeDraft() });
    if (!raised.ok) throw new Error('raise failed');
    const id = raised.value.change.id;
    castVote(cb.ctx, rita, { changeId: id, version: 1, decision: 'approve', reason: null });
    castVote(cb.ctx, alice, { changeId: id, version: 1, decision: 'approve', reason: null });

    expect((await scrape(cb.port)).status).toBe(401);
    expect((await scrape(cb.port, { authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const ok = await scrape(cb.port, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/plain');
    const text = await ok.text();
    const families = parsePrometheusTextFormat(text);

    // The parser reads histograms' types and buckets but drops their labels; their counts are read from the text.
    expect(family(families, 'changeboard_ack_duration_seconds').type).toBe('HISTOGRAM');
    expect(family(families, 'changeboard_http_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(sampleOf(text, 'changeboard_ack_duration_seconds_count{platform="slack",kind="command"}')).toBe(1);
    expect(
      sampleOf(
        text,
        'changeboard_http_request_duration_seconds_count{platform="slack",method="POST",status="200"}',
      ),
    ).toBe(1);
    expect(family(families, 'changeboard_votes_total').metrics).toEqual([
      { value: '1', labels: { decision: 'approve', platform: 'slack' } },
    ]);
    expect(family(families, 'changeboard_vote_refusals_total').metrics).toEqual([
      { value: '1', labels: { code: 'self_approval', platform: 'slack' } },
    ]);
    // The reminder and the expiry wait for later; the clock stands still, so nothing due is late.
    const jobs = family(families, 'changeboard_jobs');
    expect(jobs.type).toBe('GAUGE');
    expect(jobs.metrics.map((m) => m.labels?.state).sort()).toEqual(['dead', 'due', 'running', 'scheduled']);
    expect(jobs.metrics.find((m) => m.labels?.state === 'scheduled')?.value).toBe('2');
    expect(family(families, 'changeboard_jobs_lag_seconds').metrics).toEqual([{ value: '0' }]);
    for (const name of [
      'changeboard_job_lateness_seconds',
      'changeboard_reminder_lateness_seconds',
      'changeboard_errors_total',
      'changeboard_job_runs_total',
    ])
      expect(families.map((f) => f.name)).toContain(name);

    await cb.worker.drain();
    const after = parsePrometheusTextFormat(
      await (await scrape(cb.port, { authorization: `Bearer ${TOKEN}` })).text(),
    );
    const runs = family(after, 'changeboard_job_runs_total').metrics;
    expect(runs.some((m) => m.labels?.kind === 'card.post' && m.labels.outcome === 'done')).toBe(true);
    expect(family(after, 'changeboard_jobs').metrics.find((m) => m.labels?.state === 'due')?.value).toBe('0');

    // The reminder (24 h after raising) is found 90 s late: lag while it waits, lateness once it ran.
    clock.advanceMinutes(24 * 60 + 1.5);
    const waiting = await (await scrape(cb.port, { authorization: `Bearer ${TOKEN}` })).text();
    expect(sampleOf(waiting, 'changeboard_jobs_lag_seconds')).toBe(90);
    await cb.worker.drain();
    const late = await (await scrape(cb.port, { authorization: `Bearer ${TOKEN}` })).text();
    expect(sampleOf(late, 'changeboard_reminder_lateness_seconds_count')).toBe(1);
    expect(sampleOf(late, 'changeboard_reminder_lateness_seconds_sum')).toBe(90);
  });

  it('serves /metrics only on its own port when METRICS_PORT is set', async () => {
    const cb = await start({ token: null, port: 0, host: '127.0.0.1' });
    expect(cb.metricsPort).toBeGreaterThan(0);
    expect((await scrape(cb.port)).status).toBe(404);
    const res = await scrape(cb.metricsPort!);
    expect(res.status).toBe(200);
    expect(parsePrometheusTextFormat(await res.text()).map((f) => f.name)).toContain('changeboard_jobs');
    expect((await fetch(`http://127.0.0.1:${cb.metricsPort}/healthz`)).status).toBe(404);
  });
});
