// @slack/logger, not Bolt: the job thread's Web API client logs through this too, and must not load Bolt.
import { type Logger as BoltLogger, LogLevel } from '@slack/logger';
import type { Logger } from '../../log.ts';

const text = (parts: unknown[]): string =>
  parts
    .map((p) => (typeof p === 'string' ? p : p instanceof Error ? p.message : JSON.stringify(p)))
    .join(' ');

/**
 * Bolt and the Web API client log through our structured logger. Their debug output can carry payloads, so it
 * stays at debug; the level itself is ours (Bolt's setLevel calls are ignored).
 */
export function boltLogger(log: Logger): BoltLogger {
  return {
    debug: (...msg: unknown[]) => log.debug(text(msg)),
    info: (...msg: unknown[]) => log.info(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error(text(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
