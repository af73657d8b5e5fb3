import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { assertNoRealPlatform, type Playground, startPlayground } from './index.ts';

/** True when this configuration asks for the playground: explicitly, or by configuring no chat platform. */
export function playgroundWanted(config: Config): boolean {
  const mode = config.playground?.mode ?? 'off';
  if (mode === 'on') return true;
  return mode === 'auto' && config.slack === null && config.teams === null;
}

/**
 * Starts the playground `npm start` runs on a fresh clone. PLAYGROUND=true next to real credentials never gets
 * here (the configuration refuses it); the check is repeated so no other caller can get it wrong. In `auto`
 * mode a busy playground port is not fatal: Changeboard then starts without it, and says how to fix that.
 */
export async function startPlaygroundFromConfig(config: Config, log: Logger): Promise<Playground | null> {
  const settings = config.playground;
  if (!settings || !playgroundWanted(config)) return null;
  assertNoRealPlatform(config);
  try {
    return await startPlayground({
      port: settings.port,
      host: settings.host,
      appPort: config.port,
      databasePath: settings.databasePath,
      log,
      logLevel: config.logLevel,
    });
  } catch (error) {
    const busy = (error as { code?: string }).code === 'EADDRINUSE';
    if (!busy || settings.mode === 'on') throw error;
    log.warn(
      `playground: port ${settings.port} is in use, so the playground is off; set PLAYGROUND_PORT to another port to try it`,
    );
    return null;
  }
}
