import { describe, expect, it } from '@jest/globals';
import {
  MAX_LINE_LENGTH,
  parseAccessLogLine,
  parseLogTimestamp,
  unescapeLogField,
} from '../../lib/replay/parse-access-log-line.ts';

const UA = '"Mozilla/5.0 (X11; Linux x86_64)"';

/** A combined-log line with the given client, time and referer field. */
function line(
  client = '192.0.2.1',
  referer = '"http://example.com/"',
  time = '17/May/2015:10:05:03 +0000',
) {
  return `${client} - - [${time}] "GET / HTTP/1.1" 200 512 ${referer} ${UA}`;
}

describe('parseAccessLogLine', () => {
  it('reads every field of a combined-log line', () => {
    // Act
    const parsed = parseAccessLogLine(line());

    // Assess
    expect(parsed).toEqual({
      ok: true,
      entry: {
        client: '192.0.2.1',
        occurredAt: Date.UTC(2015, 4, 17, 10, 5, 3),
        request: 'GET / HTTP/1.1',
        status: 200,
        bytes: 512,
        referer: 'http://example.com/',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
      },
    });
  });

  it.each([
    ['IPv6', '2001:db8::1'],
    ['IPv4-mapped IPv6', '::ffff:192.0.2.7'],
    ['host name', 'crawler.example.net'],
  ])('keeps a %s client as logged', (_kind, client) => {
    // Act
    const parsed = parseAccessLogLine(line(client));

    // Assess
    expect(parsed.ok && parsed.entry.client).toBe(client);
  });

  it.each([
    ['a dash', '"-"'],
    ['an empty field', '""'],
  ])('reads %s referer as no referer', (_kind, referer) => {
    // Act
    const parsed = parseAccessLogLine(line(undefined, referer));

    // Assess
    expect(parsed.ok && parsed.entry.referer).toBeUndefined();
  });

  it('unescapes quotes inside quoted fields', () => {
    // Prepare
    const text =
      '192.0.2.1 - - [17/May/2015:10:05:03 +0000] "GET /?q=\\"x\\" HTTP/1.1" ' +
      '200 1 "http://example.com/?a=\\"b\\"" "agent \\"quoted\\" \\\\"';

    // Act
    const parsed = parseAccessLogLine(text);

    // Assess
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.entry.request).toBe('GET /?q="x" HTTP/1.1');
    expect(parsed.entry.referer).toBe('http://example.com/?a="b"');
    expect(parsed.entry.userAgent).toBe('agent "quoted" \\');
  });

  it('decodes \\xhh bytes as UTF-8', () => {
    // Prepare
    const referer = '"http://example.com/caf\\xc3\\xa9"';

    // Act
    const parsed = parseAccessLogLine(line(undefined, referer));

    // Assess
    expect(parsed.ok && parsed.entry.referer).toBe('http://example.com/café');
  });

  it('reads a dash size as unknown', () => {
    // Prepare
    const text = line().replace(' 200 512 ', ' 304 - ');

    // Act
    const parsed = parseAccessLogLine(text);

    // Assess
    expect(parsed.ok && parsed.entry.bytes).toBeUndefined();
    expect(parsed.ok && parsed.entry.status).toBe(304);
  });

  it('ignores fields logged after the user agent', () => {
    // Act
    const parsed = parseAccessLogLine(`${line()} 1234 "vhost.example"`);

    // Assess
    expect(parsed.ok).toBe(true);
  });

  it('converts the timestamp offset to UTC', () => {
    // Act
    const parsed = parseAccessLogLine(
      line(undefined, '"-"', '17/May/2015:12:05:03 +0200'),
    );

    // Assess
    expect(parsed.ok && parsed.entry.occurredAt).toBe(
      Date.UTC(2015, 4, 17, 10, 5, 3),
    );
  });

  it.each([
    [
      'cut off inside the user agent',
      line().slice(0, -10),
      'not_combined_format',
    ],
    ['cut off after the request', line().slice(0, 60), 'not_combined_format'],
    [
      'in common log format',
      line().replace(/ "http.*$/, ''),
      'not_combined_format',
    ],
    [
      'with an unescaped quote',
      line(undefined, '"a"b"'),
      'not_combined_format',
    ],
    ['empty', '', 'empty'],
    ['blank', '   ', 'empty'],
    [
      'with 31 February',
      line(undefined, '"-"', '31/Feb/2015:10:05:03 +0000'),
      'bad_timestamp',
    ],
    [
      'with hour 24',
      line(undefined, '"-"', '17/May/2015:24:05:03 +0000'),
      'bad_timestamp',
    ],
    [
      'with an unknown month',
      line(undefined, '"-"', '17/Mai/2015:10:05:03 +0000'),
      'bad_timestamp',
    ],
    ['too long', `${line()} ${'x'.repeat(MAX_LINE_LENGTH)}`, 'too_long'],
  ])('refuses a line %s', (_kind, text, reason) => {
    // Act
    const parsed = parseAccessLogLine(text);

    // Assess
    expect(parsed).toEqual({ ok: false, reason });
  });
});

describe('parseLogTimestamp', () => {
  it('reads a negative offset', () => {
    // Act
    const ms = parseLogTimestamp('01/Jan/2020:00:30:00 -0130');

    // Assess
    expect(ms).toBe(Date.UTC(2020, 0, 1, 2, 0, 0));
  });

  it('accepts 29 February of a leap year only', () => {
    // Act
    const leap = parseLogTimestamp('29/Feb/2016:00:00:00 +0000');
    const common = parseLogTimestamp('29/Feb/2015:00:00:00 +0000');

    // Assess
    expect(leap).toBe(Date.UTC(2016, 1, 29));
    expect(common).toBeUndefined();
  });
});

describe('unescapeLogField', () => {
  it.each([
    ['letter escapes', 'a\\tb\\nc', 'a\tb\nc'],
    ['an escaped backslash', 'a\\\\b', 'a\\b'],
    ['an unknown escape, kept as is', 'a\\qb', 'a\\qb'],
    ['a trailing backslash', 'ab\\', 'ab\\'],
    ['a short \\x, kept as is', 'a\\x4', 'a\\x4'],
    ['a byte that is no UTF-8', 'a\\xffb', 'a\uFFFDb'],
    ['characters outside the BMP', '😀\\x41', '😀A'],
  ])('handles %s', (_kind, raw, expected) => {
    // Act
    const text = unescapeLogField(raw);

    // Assess
    expect(text).toBe(expected);
  });
});
