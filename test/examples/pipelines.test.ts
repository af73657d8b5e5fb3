import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { castVote } from '../../src/app/use-cases/cast-vote.ts';
import { hoursAfter, NOW } from '../domain/fixtures.ts';
import { type ApiHarness, startApiHarness } from '../http/api/api-harness.ts';

/**
 * The pipeline examples run as written: each command the YAML runs (every step or script line that calls
 * ci/changeboard.mjs) is read from the YAML file and run with bash against the running server, with the
 * YAML's own environment, its CI expressions filled in the way GitHub or GitLab would.
 */
const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const read = (file: string) => parse(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
const usesGate = (line: string) => line.includes('ci/changeboard.mjs');

let h: ApiHarness;
let token: string;
beforeEach(async () => {
  h = await startApiHarness();
  token = h.token(['gate', 'deployments'], 'ci-web');
});
afterEach(() => h.stop());

/** Runs one command as the CI runner would (bash, from the repository root where ci/ lives). */
function sh(command: string, env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-ec', command],
      // The runner's PATH has node; nothing else from this process leaks into the pipeline's environment.
      { cwd: EXAMPLES, env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 99) : 0;
        resolve({ code, out: `${stdout}${stderr}` });
      },
    );
  });
}

/** GitHub's `${{ … }}` expressions, as a push to main would fill them; an unknown one fails the test. */
function github(change = '') {
  const workflow = read('github/deploy.yml');
  const job = workflow.jobs.deploy;
  const context: Record<string, string> = {
    'vars.CHANGEBOARD_URL': h.baseUrl,
    'secrets.CHANGEBOARD_TOKEN': token,
    'github.sha': '3f2a9c1',
    'inputs.change': change,
    'github.server_url': 'https://github.example.com',
    'github.repository': 'acme/web',
    'github.run_id': '4242',
  };
  const env = Object.fromEntries(
    Object.entries(job.env as Record<string, string>).map(([k, v]) => [
      k,
      String(v).replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
        if (!(expr in context)) throw new Error(`the test does not know the expression ${expr}`);
        return context[expr]!;
      }),
    ]),
  );
  const steps = (job.steps as { name?: string; run?: string }[]).filter((s) => s.run && usesGate(s.run));
  const step = (name: string) => steps.find((s) => s.name === name)!.run!;
  return { env, steps, step };
}

/** GitLab's variables, with its predefined ones expanded as the runner would. */
function gitlab(extra: Record<string, string> = {}) {
  const pipeline = read('gitlab/.gitlab-ci.yml');
  const predefined: Record<string, string> = {
    CI_COMMIT_SHA: '3f2a9c1',
    CI_PIPELINE_URL: 'https://gitlab.example.com/acme/web/-/pipelines/77',
    CHANGEBOARD_URL: h.baseUrl,
    CHANGEBOARD_TOKEN: token,
    ...extra,
  };
  const vars = Object.fromEntries(
    Object.entries(pipeline.variables as Record<string, string>).map(([k, v]) => [
      k,
      String(v).replace(/\$([A-Z_]+)/g, (_m, name: string) => predefined[name] ?? ''),
    ]),
  );
  const lines = (job: string, part: 'script' | 'after_script' = 'script') =>
    ((pipeline[job]?.[part] ?? []) as string[]).filter(usesGate);
  return { env: { ...predefined, ...vars }, lines };
}

const inWindow = () => h.clock.set(hoursAfter(NOW, 97));

describe('the GitHub Actions example', () => {
  it('runs only commands the test can see (the gate, then the deployment reports)', () => {
    expect(github().steps.map((s) => s.name)).toEqual([
      'Changeboard gate',
      'Report the deployment started',
      'Report the deployment succeeded',
      'Report the deployment failed',
    ]);
  });

  it('fails the job when the gate prevents the deployment', async () => {
    const { env, step } = github();
    const result = await sh(step('Changeboard gate'), env);
    expect(result.code).toBe(1);
    expect(result.out).toContain('changeboard: prevented');
    expect(result.out).toContain('No approved change covers web now');
  });

  it('passes the gate under an approved change and reports the deployment on it', async () => {
    const id = h.raiseApproved();
    inWindow();
    const { env, step } = github(`CHG-${id}`);
    expect(await sh(step('Changeboard gate'), env)).toMatchObject({
      code: 0,
      out: expect.stringContaining('allowed'),
    });
    expect((await sh(step('Report the deployment started'), env)).code).toBe(0);
    expect(h.app.ctx.repos.changes.get(id)?.state).toBe('implement');
    // A re-run of the same step reports it once.
    await sh(step('Report the deployment started'), env);
    expect((await sh(step('Report the deployment succeeded'), env)).code).toBe(0);
    const deployments = h.app.ctx.repos.deployments.listForChange(id, 10);
    expect(deployments.map((d) => [d.status, d.runUrl, d.commitSha])).toEqual([
      ['succeeded', 'https://github.example.com/acme/web/actions/runs/4242', '3f2a9c1'],
      ['started', 'https://github.example.com/acme/web/actions/runs/4242', '3f2a9c1'],
    ]);
  });

  it('waits while the change is being decided, then deploys once it is approved', async () => {
    const id = h.raise({ plannedStart: hoursAfter(NOW, 1), plannedEnd: hoursAfter(NOW, 3) });
    h.clock.set(hoursAfter(NOW, 2));
    const { env, step } = github(`CHG-${id}`);
    const gate = sh(step('Changeboard gate'), env);
    await new Promise((r) => setTimeout(r, 200));
    castVote(h.app.ctx, h.actor('UDAVE', 'Dave', 'dave@example.com'), {
      changeId: id,
      version: 1,
      decision: 'approve',
      reason: null,
    });
    const result = await gate;
    expect([result.code, result.out]).toEqual([0, expect.stringContaining(`allowed (CHG-${id})`)]);
  });
});

describe('the GitLab CI example', () => {
  it('gates, reports and records a failure from after_script', async () => {
    const id = h.raiseApproved();
    inWindow();
    const { env, lines } = gitlab();
    const [gate] = lines('changeboard-gate');
    expect((await sh(gate!, env)).code).toBe(0);
    const [started, succeeded] = lines('deploy-production');
    expect(succeeded).toContain('report succeeded');
    expect((await sh(started!, env)).code).toBe(0);
    const [afterScript] = lines('deploy-production', 'after_script');
    expect((await sh(afterScript!, { ...env, CI_JOB_STATUS: 'failed' })).code).toBe(0);
    const deployments = h.app.ctx.repos.deployments.listForChange(id, 10);
    expect(deployments.map((d) => [d.status, d.provider, d.runUrl])).toEqual([
      ['failed', 'gitlab-ci', 'https://gitlab.example.com/acme/web/-/pipelines/77'],
      ['started', 'gitlab-ci', 'https://gitlab.example.com/acme/web/-/pipelines/77'],
    ]);
  });

  it('catches a deployment that skipped the gate as unregistered', async () => {
    const { env, lines } = gitlab();
    const [started] = lines('deploy-production');
    const result = await sh(started!, env);
    expect(result.code).toBe(0);
    expect(result.out).toContain('no approved change covers this deployment');
    expect(h.count('unregistered_deployments')).toBe(1);
  });
});
