export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every entry. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  level: LogLevel;
  /** One human-readable line per entry instead of JSON (for a terminal). */
  pretty?: boolean;
  /** Where lines go; defaults to stdout, stderr for errors. Tests pass their own. */
  write?: (line: string, level: LogLevel) => void;
  clock?: () => Date;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const SECRET_KEY = /secret|token|password|authorization|signature/i;
const REDACTED = '[redacted]';

/** Makes a value safe to log: secret-named keys masked at any depth, errors as name/message/stack, no cycles. */
export function redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
  if (value instanceof Error) {
    return redact({ name: value.name, message: value.message, stack: value.stack }, seen);
  }
  if (value === null || typeof value !== 'object')
    return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  const out: LogFields = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) ? REDACTED : redact(inner, seen);
  }
  return out;
}

function defaultWrite(line: string, level: LogLevel): void {
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

/** A structured logger writing one JSON line per entry (stdout; stderr for errors). */
export function createLogger(options: LoggerOptions, bindings: LogFields = {}): Logger {
  const threshold = RANK[options.level];
  const write = options.write ?? defaultWrite;
  const clock = options.clock ?? (() => new Date());

  const emit = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (RANK[level] < threshold) return;
    const context = redact({ ...bindings, ...fields }) as LogFields;
    const time = clock().toISOString();
    if (options.pretty) {
      const extra = Object.entries(context).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
      write([time.slice(11, 23), level.toUpperCase().padEnd(5), msg, ...extra].join(' '), level);
      return;
    }
    const entry: LogFields = { time, level, msg };
    // A field never overwrites time, level or msg.
    for (const [key, value] of Object.entries(context)) if (!(key in entry)) entry[key] = value;
    write(JSON.stringify(entry), level);
  };

  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(options, { ...bindings, ...fields }),
  };
}

/** Discards everything; for tests. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
