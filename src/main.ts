import { startChangeboard } from './changeboard.ts';
import { formatConfigError, loadConfig } from './config.ts';
import { describePlatforms } from './config-report.ts';
import { loadDotEnv } from './dotenv.ts';
import { createLogger } from './log.ts';
import { startPlaygroundFromConfig } from './playground/from-config.ts';
import { loadPolicy } from './policy/load-policy.ts';
import { formatPolicyError, formatPolicyProblem } from './policy/policy-error.ts';

/** Process entry point: configuration, policy, then the composition root; SIGTERM/SIGINT stop it gracefully. */
async function main(): Promise<void> {
  loadDotEnv();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigError(loaded.error)}\n`);
    process.exit(1);
  }
  const config = loaded.value;
  const log = createLogger({ level: config.logLevel, pretty: process.stdout.isTTY });
  const policy = loadPolicy(config.policyFile, {
    onWarning: (problem) => log.warn(`policy: ${formatPolicyProblem(problem)}`),
  });
  if (!policy.ok) {
    process.stderr.write(`${formatPolicyError(policy.error)}\n`);
    process.exit(1);
  }
  for (const line of describePlatforms(config)) log.info(line);

  // The playground (no platform configured, or PLAYGROUND=true) runs the same app, driven by its own page.
  const playground = await startPlaygroundFromConfig(config, log);
  const app =
    playground?.app ??
    (await startChangeboard({ config, policy: policy.value, log, logPretty: process.stdout.isTTY === true }));
  const host = playground ? '127.0.0.1' : config.host;
  // Where each platform is to be pointed (the Slack app's Request URLs, the Azure bot's messaging endpoint).
  const endpoints = [
    ...(config.slack && !config.slack.appToken ? ['Slack: /slack/events'] : []),
    ...(config.teams ? ['Teams: /api/messages'] : []),
    'health: /healthz',
  ].join(', ');
  log.info(`Changeboard listening on http://${host}:${app.port} (${endpoints})`, {
    database: playground ? config.playground?.databasePath : config.databasePath,
    policy: playground ? 'playground demo policy' : (config.policyFile ?? 'built-in default'),
  });
  if (playground) {
    log.info(
      `Playground (local trial, reachable from this machine only): open ${playground.url}/ to try Changeboard in Slack and Teams without an account`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: finishing in-flight work`);
    (playground ?? app).stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Changeboard failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
