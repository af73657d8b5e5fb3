import { describe, expect, it } from 'vitest';
import { createLogger, type LogLevel, silentLogger } from '../src/log.ts';

const AT = new Date('2026-05-04T08:00:00.000Z');

function capture(level: LogLevel = 'debug', pretty = false) {
  const lines: { line: string; level: LogLevel }[] = [];
  const logger = createLogger({
    level,
    pretty,
    clock: () => AT,
    write: (line, lvl) => lines.push({ line, level: lvl }),
  });
  const entries = () => lines.map((l) => JSON.parse(l.line) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('logger', () => {
  it('writes one JSON line per entry with time, level, message and fields', () => {
    const { logger, entries } = capture();
    logger.info('change submitted', { changeId: 4 });
    expect(entries()).toEqual([
      { time: AT.toISOString(), level: 'info', msg: 'change submitted', changeId: 4 },
    ]);
  });

  it('redacts secret-named fields at any depth', () => {
    const { logger, lines } = capture();
    logger.warn('call failed', {
      botToken: 'xoxb-1',
      request: { headers: { Authorization: 'Bearer abc' }, body: { client_secret: 's', password: 'p' } },
      list: [{ signature: 'v0=abc' }],
      user: 'U1',
    });
    const line = lines[0]!.line;
    for (const secret of ['xoxb-1', 'Bearer abc', '"s"', '"p"', 'v0=abc']) expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({
      botToken: '[redacted]',
      request: { headers: { Authorization: '[redacted]' }, body: { client_secret: '[redacted]' } },
      list: [{ signature: '[redacted]' }],
      user: 'U1',
    });
  });

  it('drops entries below its level and routes errors to the error stream', () => {
    const { logger, lines } = capture('warn');
    logger.debug('noise');
    logger.info('noise');
    logger.warn('careful');
    logger.error('broken');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
  });

  it('adds a child’s fields to every entry without letting them overwrite the message', () => {
    const { logger, entries } = capture();
    logger.child({ jobId: 7, token: 'x' }).child({ kind: 'reminder' }).info('job done', { msg: 'spoof' });
    expect(entries()).toEqual([
      {
        time: AT.toISOString(),
        level: 'info',
        msg: 'job done',
        jobId: 7,
        token: '[redacted]',
        kind: 'reminder',
      },
    ]);
  });

  it('logs an error value as its name, message and stack', () => {
    const { logger, entries } = capture();
    logger.error('unexpected', { err: new RangeError('out of range') });
    expect(entries()[0]?.err).toMatchObject({ name: 'RangeError', message: 'out of range' });
  });

  it('writes a readable line when pretty', () => {
    const { logger, lines } = capture('info', true);
    logger.info('listening', { port: 3000, apiToken: 'abc' });
    expect(lines[0]?.line).toBe('08:00:00.000 INFO  listening port=3000 apiToken="[redacted]"');
  });

  it('offers a silent logger whose children are silent too', () => {
    expect(() => silentLogger.child({ a: 1 }).error('nothing')).not.toThrow();
  });
});
