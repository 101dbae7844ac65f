/** Severity of a log line; lines below the logger's level are dropped. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

/** Structured JSON logger: one line per event, fixed message, named keys. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel | 'silent';
  /** Receives each finished line, without the newline. */
  write?: (line: string) => void;
  fields?: LogFields;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Longest string value a line carries; longer ones are cut and marked. */
export const MAX_LOG_STRING_LENGTH = 2048;

const MAX_LOG_DEPTH = 6;

/**
 * Creates a logger writing one JSON object per line.
 *
 * Strings are cut at {@link MAX_LOG_STRING_LENGTH} and errors are reduced to
 * name, message and cause, so no value can make a line unbounded or break it.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? writeToStdout;
  const base = { service: options.service, ...options.fields };

  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;

    const entry = {
      level,
      time: new Date().toISOString(),
      message,
      ...base,
      ...fields,
    };
    write(JSON.stringify(entry, boundValue));
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
    child: (fields) =>
      createLogger({ ...options, fields: { ...options.fields, ...fields } }),
  };
}

/** Reads `LOG_LEVEL` from the environment, falling back to `info`. */
export function logLevelFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): LogLevel | 'silent' {
  const level = env.LOG_LEVEL?.toLowerCase();

  return level !== undefined && level in LEVELS
    ? (level as LogLevel | 'silent')
    : 'info';
}

function writeToStdout(line: string): void {
  process.stdout.write(`${line}\n`);
}

function boundValue(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'string') return truncate(value);
  if (value instanceof Error) return describeError(value, 0);
  if (typeof value === 'bigint') return value.toString();

  return value;
}

function truncate(value: string): string {
  if (value.length <= MAX_LOG_STRING_LENGTH) return value;

  const cut = value.length - MAX_LOG_STRING_LENGTH;
  return `${value.slice(0, MAX_LOG_STRING_LENGTH)}…[${cut} more]`;
}

function describeError(error: Error, depth: number): LogFields {
  const described: LogFields = { name: error.name, message: error.message };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) described.code = code;
  if (error.cause instanceof Error && depth < MAX_LOG_DEPTH) {
    described.cause = describeError(error.cause, depth + 1);
  }

  return described;
}
