#!/usr/bin/env node
// Changeboard's deployment gate for CI/CD pipelines: copy this file into your repository as
// ci/changeboard.mjs (Node 18 or later, no dependencies). Two commands:
//
//   node ci/changeboard.mjs check            may we deploy now? exit 0 allowed, 1 prevented, 2 still awaiting
//   node ci/changeboard.mjs report STATUS    record the deployment: started | succeeded | failed | rolled_back
//
// Configured by environment variables:
//   CHANGEBOARD_URL          e.g. https://changeboard.example.com (required)
//   CHANGEBOARD_TOKEN        an API token with the gate and deployments scopes (required; a CI secret)
//   CHANGEBOARD_SERVICE      the service id from Changeboard's policy, e.g. web (required)
//   CHANGEBOARD_ENVIRONMENT  e.g. production (required)
//   CHANGEBOARD_VERSION      what is deployed, e.g. a tag or commit (required for report)
//   CHANGEBOARD_CHANGE       the change, e.g. CHG-12 (optional: without it the covering approved change counts)
//   CHANGEBOARD_MAX_WAIT_SECONDS  how long check waits while the change is being decided (default 1800)
//   CI_PROVIDER, CI_RUN_URL, CI_COMMIT  the pipeline run, shown on the change's card and kept in the audit trail

const env = process.env;
const need = (name) => {
  const value = env[name]?.trim();
  if (!value) {
    console.error(`changeboard: set ${name}`);
    process.exit(2);
  }
  return value;
};

const base = need('CHANGEBOARD_URL').replace(/\/+$/, '');
const token = need('CHANGEBOARD_TOKEN');
const change = env.CHANGEBOARD_CHANGE?.trim() || undefined;
const run =
  env.CI_RUN_URL?.trim() && env.CI_PROVIDER?.trim()
    ? {
        provider: env.CI_PROVIDER.trim(),
        url: env.CI_RUN_URL.trim(),
        ...(env.CI_COMMIT ? { commit: env.CI_COMMIT.trim() } : {}),
      }
    : undefined;

async function post(path, body, headers = {}) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const answer = await res.json().catch(() => ({}));
  if (!res.ok) {
    console.error(`changeboard: ${res.status} ${answer.error ?? ''} ${answer.message ?? ''}`.trim());
    for (const f of answer.fields ?? []) console.error(`  ${f.field}: ${f.message}`);
    process.exit(2);
  }
  return answer;
}

async function check() {
  const body = {
    service: need('CHANGEBOARD_SERVICE'),
    environment: need('CHANGEBOARD_ENVIRONMENT'),
    ...(change ? { change } : {}),
    ...(env.CHANGEBOARD_VERSION ? { version: env.CHANGEBOARD_VERSION } : {}),
    ...(run ? { run } : {}),
  };
  const maxWait = Number(env.CHANGEBOARD_MAX_WAIT_SECONDS ?? 1800);
  const deadline = Date.now() + maxWait * 1000;
  for (;;) {
    const left = Math.max(0, Math.floor((deadline - Date.now()) / 1000));
    // The server holds the answer while the change is being decided (a long-poll of up to a minute).
    const answer = await post('/gate/check', { ...body, wait: Math.min(60, left) });
    const key = answer.change?.key ? ` (${answer.change.key})` : '';
    for (const r of answer.reasons ?? []) console.log(`changeboard: ${r.message}`);
    if (answer.decision === 'allowed') {
      console.log(`changeboard: allowed${key}`);
      return 0;
    }
    if (answer.decision === 'prevented') {
      console.error(`changeboard: prevented${key}`);
      return 1;
    }
    if (Date.now() >= deadline) {
      console.error(`changeboard: still awaiting a decision${key}`);
      return 2;
    }
  }
}

async function report(status) {
  if (!['started', 'succeeded', 'failed', 'rolled_back'].includes(status ?? '')) {
    console.error('changeboard: report started | succeeded | failed | rolled_back');
    return 2;
  }
  const body = {
    service: need('CHANGEBOARD_SERVICE'),
    environment: need('CHANGEBOARD_ENVIRONMENT'),
    version: need('CHANGEBOARD_VERSION'),
    status,
    ...(change ? { change } : {}),
    ...(run ? { run } : {}),
  };
  // A retried step (or a re-run job) reports this status of this run once.
  const key = `${run?.url ?? body.version}#${body.service}#${body.environment}#${status}`;
  const answer = await post('/deployments', body, { 'idempotency-key': key.slice(0, 200) });
  const on = answer.deployment?.change?.key ? ` on ${answer.deployment.change.key}` : '';
  console.log(`changeboard: deployment ${status} recorded${on}`);
  if (answer.unregistered)
    console.error('changeboard: no approved change covers this deployment; change managers were told');
  return 0;
}

const [command, arg] = process.argv.slice(2);
const code = command === 'check' ? await check() : command === 'report' ? await report(arg) : 2;
if (command !== 'check' && command !== 'report') console.error('changeboard: check | report STATUS');
process.exit(code);
