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

/** Deepest nesting a line carries; deeper values are replaced by a marker. */
export const MAX_LOG_DEPTH = 8;

/**
 * Creates a logger writing one JSON object per line.
 *
 * Strings (marker included) are cut to {@link MAX_LOG_STRING_LENGTH}, errors
 * are reduced to name, message, code and cause, and cycles, deep nesting or
 * values that fail to serialise are replaced by markers: no value can make a
 * line unbounded, break it, or make the logger throw.
 */
export function createLogger(options: LoggerOptions): Logger {
  const threshold = LEVELS[options.level ?? 'info'];
  const write = options.write ?? writeToStdout;
  const base = { service: options.service, ...options.fields };

  const log = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < threshold) return;

    write(escapeLineBreaks(serializeEntry(level, message, base, fields)));
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

  return level !== undefined && Object.hasOwn(LEVELS, level)
    ? (level as LogLevel | 'silent')
    : 'info';
}

function writeToStdout(line: string): void {
  process.stdout.write(`${line}\n`);
}

// JSON leaves these raw, yet some log readers split lines on them.
const LINE_BREAKS = /[\u0085\u2028\u2029]/g;

function escapeLineBreaks(json: string): string {
  return json.replace(
    LINE_BREAKS,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function serializeEntry(
  level: LogLevel,
  message: string,
  base: LogFields,
  fields: LogFields | undefined,
): string {
  const time = new Date().toISOString();
  try {
    const entry = { level, time, message, ...base, ...fields };
    return JSON.stringify(toLoggable(entry, 0, new Set()));
  } catch (error) {
    // A getter or proxy in the fields threw: keep the event, name the fault.
    const entry = { level, time, message, service: base.service };
    return JSON.stringify(
      toLoggable({ ...entry, logError: error }, 0, new Set()),
    );
  }
}

function toLoggable(value: unknown, depth: number, seen: Set<object>): unknown {
  if (typeof value === 'string') return truncate(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_LOG_DEPTH) return '[too deep]';

  seen.add(value);
  try {
    return toLoggableObject(value, depth, seen);
  } catch {
    return '[unserializable]';
  } finally {
    seen.delete(value);
  }
}

function toLoggableObject(
  value: object,
  depth: number,
  seen: Set<object>,
): unknown {
  if (value instanceof Error) return describeError(value, depth, seen);
  if (Array.isArray(value)) {
    return value.map((item) => toLoggable(item, depth + 1, seen));
  }

  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    return toLoggable(toJSON.call(value), depth + 1, seen);
  }

  const copy: LogFields = {};
  for (const key of Object.keys(value)) {
    const item = toLoggable((value as LogFields)[key], depth + 1, seen);
    // Own data property, never the prototype setter `__proto__` would hit.
    Object.defineProperty(copy, truncate(key), {
      value: item,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }

  return copy;
}

function describeError(
  error: Error,
  depth: number,
  seen: Set<object>,
): unknown {
  const code = (error as { code?: unknown }).code;
  const described: LogFields = { name: error.name, message: error.message };
  if (code !== undefined) described.code = code;
  if (error.cause !== undefined) described.cause = error.cause;

  return toLoggableObject(described, depth, seen);
}

function truncate(value: string): string {
  if (value.length <= MAX_LOG_STRING_LENGTH) return value;

  // The marker's count has at most as many digits as the whole length.
  const room = MAX_LOG_STRING_LENGTH - `…[${value.length} more]`.length;
  const kept = isHighSurrogate(value.charCodeAt(room - 1)) ? room - 1 : room;
  return `${value.slice(0, kept)}…[${value.length - kept} more]`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
