import {
  createLogger,
  type Logger,
  MAX_LOG_STRING_LENGTH,
} from '../../lib/logger.ts';

// Every character some reader (Node, Python's splitlines, editors) takes
// as the end of a line.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const LINE_BREAK = /[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

/** A logger at debug level that keeps each raw line it writes. */
export function captureRawLogger(service = 'test'): {
  logger: Logger;
  lines: string[];
} {
  const lines: string[] = [];
  const logger = createLogger({
    service,
    level: 'debug',
    write: (line) => lines.push(line),
  });

  return { logger, lines };
}

/**
 * Says what is wrong with one written log line: a line break inside it,
 * text that is not well-formed Unicode or JSON, a value that is not an
 * object, or a key or string longer than the logger's cap. Empty when the
 * line is sound.
 */
export function findLogLineFaults(line: string): string[] {
  const faults: string[] = [];
  if (LINE_BREAK.test(line)) faults.push('line break inside the line');
  if (!line.isWellFormed()) faults.push('lone surrogate in the line');

  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return [...faults, 'not JSON'];
  }
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return [...faults, 'not a JSON object'];
  }

  for (const text of collectStrings(entry)) {
    if (text.length > MAX_LOG_STRING_LENGTH) {
      faults.push(`string of ${text.length} characters`);
    }
  }
  return faults;
}

/** The faults of every line, keyed by line number; empty when all sound. */
export function findLogFaults(lines: readonly string[]): string[] {
  return lines.flatMap((line, index) =>
    findLogLineFaults(line).map((fault) => `line ${index}: ${fault}`),
  );
}

function collectStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];

  return Object.entries(value).flatMap(([key, item]) => [
    key,
    ...collectStrings(item),
  ]);
}
