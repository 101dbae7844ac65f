/** One request of an Apache or Nginx combined log. */
export type AccessLogEntry = {
  /** `%h`: the client address as logged (or a host name). */
  client: string;
  /** `%t` in epoch milliseconds. */
  occurredAt: number;
  /** `%r`: the request line, unescaped. */
  request: string;
  status: number;
  /** `%b`; `undefined` for `-`. */
  bytes: number | undefined;
  /** `%{Referer}i`; `undefined` for `-` or an empty field. */
  referer: string | undefined;
  /** `%{User-Agent}i`; `undefined` for `-` or an empty field. */
  userAgent: string | undefined;
};

export type AccessLogParse =
  | { ok: true; entry: AccessLogEntry }
  | { ok: false; reason: string };

/** Lines longer than this are refused unread. */
export const MAX_LINE_LENGTH = 64 * 1024;

// A quoted field; Apache and Nginx escape `"` and `\` inside it.
const QUOTED = String.raw`"((?:[^"\\]|\\.)*)"`;

const COMBINED_LINE = new RegExp(
  String.raw`^(\S+) \S+ \S+ \[([^\]]*)\] ${QUOTED} (\d{3}) (\d+|-) ${QUOTED} ${QUOTED}(?:\s.*)?$`,
);

const TIMESTAMP = new RegExp(
  String.raw`^(?<day>\d{2})/(?<month>[A-Z][a-z]{2})/(?<year>\d{4})` +
    String.raw`:(?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})` +
    String.raw` (?<sign>[+-])(?<offsetHours>\d{2})(?<offsetMinutes>\d{2})$`,
);

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/**
 * Parses one line of the combined log format,
 * `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i"`, with any further
 * fields after it ignored.
 *
 * Quoted fields are unescaped as Apache and Nginx write them: `\"`, `\\`,
 * `\n`-style letters and `\xhh` bytes, read as UTF-8. A line that is cut
 * off, or whose timestamp is not a real instant, is refused with a reason.
 */
export function parseAccessLogLine(line: string): AccessLogParse {
  if (line.length > MAX_LINE_LENGTH) return refuse('too_long');
  if (line.trim() === '') return refuse('empty');

  const match = COMBINED_LINE.exec(line);
  if (match === null) return refuse('not_combined_format');

  const [, client, time, request, status, bytes, referer, agent] =
    match as unknown as string[];
  const occurredAt = parseLogTimestamp(time as string);
  if (occurredAt === undefined) return refuse('bad_timestamp');

  return {
    ok: true,
    entry: {
      client: client as string,
      occurredAt,
      request: unescapeLogField(request as string),
      status: Number(status),
      bytes: bytes === '-' ? undefined : Number(bytes),
      referer: readOptional(referer as string),
      userAgent: readOptional(agent as string),
    },
  };
}

/**
 * Reads `%t` (`17/May/2015:10:05:03 +0000`) as epoch milliseconds, or
 * `undefined` when it names no real instant (31 February, hour 24...).
 */
export function parseLogTimestamp(text: string): number | undefined {
  const match = TIMESTAMP.exec(text);
  if (match === null) return undefined;

  const readField = (name: string) => Number(match.groups?.[name]);
  const month = MONTHS.indexOf(match.groups?.month ?? '');
  const [day, hour, minute, second] = ['day', 'hour', 'minute', 'second'].map(
    readField,
  ) as [number, number, number, number];
  const offsetHours = readField('offsetHours');
  const offsetMinutes = readField('offsetMinutes');
  if (month < 0 || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;

  const local = Date.UTC(readField('year'), month, day, hour, minute, second);
  if (new Date(local).getUTCDate() !== day) return undefined;

  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return match.groups?.sign === '+' ? local - offset : local + offset;
}

const LETTER_ESCAPES = new Map([
  ['b', '\b'],
  ['f', '\f'],
  ['n', '\n'],
  ['r', '\r'],
  ['t', '\t'],
  ['v', '\v'],
]);

/**
 * Undoes the escaping of a quoted log field. `\xhh` sequences are bytes and
 * are decoded together as UTF-8; bytes that form no character become U+FFFD.
 */
export function unescapeLogField(raw: string): string {
  if (!raw.includes('\\')) return raw;

  const chunks: Buffer[] = [];
  let text = 0;
  for (let at = raw.indexOf('\\'); at !== -1; at = raw.indexOf('\\', at)) {
    chunks.push(Buffer.from(raw.slice(text, at), 'utf8'));
    const [bytes, length] = readEscape(raw, at);
    chunks.push(bytes);
    at += length;
    text = at;
  }
  chunks.push(Buffer.from(raw.slice(text), 'utf8'));

  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
}

// The bytes an escape at `at` stands for, and how many characters it takes.
function readEscape(raw: string, at: number): [Buffer, number] {
  const next = raw[at + 1] ?? '';
  const hex = raw.slice(at + 2, at + 4);
  if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(hex)) {
    return [Buffer.from([Number.parseInt(hex, 16)]), 4];
  }
  const letter = LETTER_ESCAPES.get(next);
  if (letter !== undefined) return [Buffer.from(letter), 2];
  if (next === '"' || next === '\\') return [Buffer.from(next), 2];

  return [Buffer.from('\\'), 1];
}

function readOptional(raw: string): string | undefined {
  if (raw === '' || raw === '-') return undefined;

  return unescapeLogField(raw);
}

function refuse(reason: string): AccessLogParse {
  return { ok: false, reason };
}
