import { describe, expect, it } from '@jest/globals';
import {
  MAX_BODY_BYTES,
  parseVisitBody,
} from '../../../lib/visit/parse-visit-body.ts';
import { createVisitSchema } from '../../../lib/visit/visit.schema.ts';
import { loadEvent } from '../../fixtures/load-event.ts';

const NOW = Date.UTC(2021, 11, 16, 13, 0, 0);
const schema = createVisitSchema(() => NOW);
const CREATED_AT = 1639659000000;

const parse = (body: unknown) => parseVisitBody(body, schema);
const json = (value: unknown) => JSON.stringify(value);
const direct = (fields: Record<string, unknown>) =>
  json({ type: 'direct', created_at: CREATED_AT, ...fields });

describe('parseVisitBody', () => {
  it('reads the original direct body into a visit in UTC', () => {
    // Prepare
    const body = json({ type: 'direct', created_at: CREATED_AT });

    // Act
    const result = parse(body);

    // Assess
    expect(result).toEqual({
      success: true,
      visit: { type: 'direct', createdAt: '2021-12-16T12:50:00.000Z' },
    });
  });

  it('reads a referrer with ip, url and host', () => {
    // Prepare
    const body = json({
      type: 'referrer',
      created_at: CREATED_AT,
      ip: '::ffff:192.0.2.7',
      url: 'test.com',
    });

    // Act
    const result = parse(body);

    // Assess
    expect(result).toEqual({
      success: true,
      visit: {
        type: 'referrer',
        createdAt: '2021-12-16T12:50:00.000Z',
        ip: '192.0.2.7',
        url: 'http://test.com/',
        host: 'test.com',
      },
    });
  });

  it('ignores unknown fields, including prototype keys', () => {
    // Prepare
    const body =
      '{"type":"direct","created_at":1639659000000,"campaign":"x",' +
      '"__proto__":{"polluted":true},"constructor":{"prototype":{}}}';

    // Act
    const result = parse(body);

    // Assess
    expect(result).toEqual({
      success: true,
      visit: { type: 'direct', createdAt: '2021-12-16T12:50:00.000Z' },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  describe('type', () => {
    it.each([
      ['other case', 'Direct', 'not_a_visit_type'],
      ['other word', 'organic', 'not_a_visit_type'],
      ['padded', ' direct', 'not_a_visit_type'],
      ['a number', 1, 'not_a_visit_type'],
      ['null', null, 'not_a_visit_type'],
      ['missing', undefined, 'missing'],
    ])('refuses a type that is %s', (_case, type, reason) => {
      // Prepare
      const body = json({ type, created_at: CREATED_AT });

      // Act
      const result = parse(body);

      // Assess
      expect(result).toEqual({
        success: false,
        rejection: { field: 'type', reason },
      });
    });

    it.each(['direct', 'referrer'])('accepts %s', (type) => {
      // Act
      const result = parse(json({ type, created_at: CREATED_AT }));

      // Assess
      expect(result.success).toBe(true);
    });
  });

  describe('created_at', () => {
    it.each([
      ['epoch milliseconds', CREATED_AT, '2021-12-16T12:50:00.000Z'],
      ['ISO with Z', '2021-12-16T12:50:00Z', '2021-12-16T12:50:00.000Z'],
      [
        'ISO with offset',
        '2021-12-16T13:50:00+01:00',
        '2021-12-16T12:50:00.000Z',
      ],
      [
        'ISO with compact offset',
        '2021-12-16T07:50-0500',
        '2021-12-16T12:50:00.000Z',
      ],
      [
        'ISO with fraction',
        '2021-12-16T12:50:00.123456Z',
        '2021-12-16T12:50:00.123Z',
      ],
      ['the first instant of 2000', 946684800000, '2000-01-01T00:00:00.000Z'],
      ['a day ahead exactly', NOW + 86_400_000, '2021-12-17T13:00:00.000Z'],
    ])('accepts %s', (_case, createdAt, stored) => {
      // Act
      const result = parse(json({ type: 'direct', created_at: createdAt }));

      // Assess
      expect(result).toEqual({
        success: true,
        visit: { type: 'direct', createdAt: stored },
      });
    });

    it.each([
      ['seconds-sized, never scaled', 1639659000, 'implausible_time'],
      ['before 2000', 946684799999, 'implausible_time'],
      ['more than a day ahead', NOW + 86_400_001, 'implausible_time'],
      ['fractional', CREATED_AT + 0.5, 'not_an_integer'],
      ['negative', -1, 'implausible_time'],
      ['ISO without zone', '2021-12-16T12:50:00', 'not_iso_8601_with_zone'],
      ['a date only', '2021-12-16', 'not_iso_8601_with_zone'],
      ['an impossible day', '2021-02-30T10:00:00Z', 'not_iso_8601_with_zone'],
      ['an impossible hour', '2021-12-16T24:00:00Z', 'not_iso_8601_with_zone'],
      ['digits in a string', '1639659000000', 'not_iso_8601_with_zone'],
      ['prose', 'yesterday', 'not_iso_8601_with_zone'],
      ['a boolean', true, 'not_a_number_or_string'],
      ['missing', undefined, 'missing'],
    ])('refuses a value that is %s', (_case, createdAt, reason) => {
      // Act
      const result = parse(json({ type: 'direct', created_at: createdAt }));

      // Assess
      expect(result).toEqual({
        success: false,
        rejection: { field: 'created_at', reason },
      });
    });
  });

  describe('ip', () => {
    it.each([
      ['192.0.2.1', '192.0.2.1'],
      ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::ffff:192.0.2.7', '192.0.2.7'],
      ['::1', '::1'],
    ])('stores %s as %s', (ip, stored) => {
      // Act
      const result = parse(direct({ ip }));

      // Assess
      expect(result.success && result.visit.ip).toBe(stored);
    });

    it.each([
      ['999.1.1.1', 'not_an_ip_address'],
      ['127.0.0.01', 'not_an_ip_address'],
      ['not-an-ip', 'not_an_ip_address'],
      ['fe80::1%eth0', 'not_an_ip_address'],
      [' 192.0.2.1', 'not_an_ip_address'],
      ['1'.repeat(46), 'too_long'],
      [2130706433, 'not_a_string'],
    ])('refuses %s', (ip, reason) => {
      // Act
      const result = parse(direct({ ip }));

      // Assess
      expect(result).toEqual({
        success: false,
        rejection: { field: 'ip', reason },
      });
    });
  });

  describe('url', () => {
    it.each([
      ['test.com', 'http://test.com/', 'test.com'],
      ['test.com:8080/a', 'http://test.com:8080/a', 'test.com'],
      ['//test.com/a', 'http://test.com/a', 'test.com'],
      [
        'HTTPS://Sub.Example.COM:443/a?b=c#d',
        'https://sub.example.com/a?b=c#d',
        'sub.example.com',
      ],
      [
        'http://bücher.example/',
        'http://xn--bcher-kva.example/',
        'xn--bcher-kva.example',
      ],
      ['http://user:secret@test.com/a', 'http://test.com/a', 'test.com'],
      ['http://test.com./', 'http://test.com./', 'test.com'],
      ['http://[2001:db8::1]/', 'http://[2001:db8::1]/', '[2001:db8::1]'],
    ])('stores %s as %s with host %s', (url, stored, host) => {
      // Act
      const result = parse(
        json({ type: 'referrer', created_at: CREATED_AT, url }),
      );

      // Assess
      expect(result.success && result.visit).toMatchObject({
        url: stored,
        host,
      });
    });

    it.each([
      ['a javascript: URL', 'javascript:alert(1)', 'unsupported_scheme'],
      ['a data: URL', 'data:text/html,<b>x</b>', 'unsupported_scheme'],
      ['an ftp: URL', 'ftp://test.com/', 'unsupported_scheme'],
      ['a mailto: URL', 'mailto:someone@test.com', 'unsupported_scheme'],
      ['a URL without host', 'http://', 'malformed'],
      ['a host of one dot', 'http://./', 'malformed'],
      ['a host of one encoded dot', 'http://%2e/', 'malformed'],
      ['a host of one ideographic dot', 'http://\u3002/', 'malformed'],
      ['a host of two dots', 'http://../', 'malformed'],
      ['a host with an empty label', 'http://a..b/', 'malformed'],
      ['a host with a leading dot', 'http://.a/', 'malformed'],
      ['a space in the host', 'http://exa mple.com/', 'control_characters'],
      [
        'a header injection',
        'http://test.com/\r\nSet-Cookie: a=b',
        'control_characters',
      ],
      [
        'a URL over 2048 characters',
        `http://test.com/${'a'.repeat(2048)}`,
        'too_long',
      ],
      ['a number', 42, 'not_a_string'],
    ])('refuses %s', (_case, url, reason) => {
      // Act
      const result = parse(
        json({ type: 'referrer', created_at: CREATED_AT, url }),
      );

      // Assess
      expect(result).toEqual({
        success: false,
        rejection: { field: 'url', reason },
      });
    });
  });

  describe('body', () => {
    it.each([
      ['not JSON', 'not json', 'not_json'],
      ['cut off', '{"type":"direct"', 'not_json'],
      ['empty', '', 'empty'],
      ['an array', '[]', 'not_an_object'],
      ['a number', '42', 'not_an_object'],
      ['null', 'null', 'not_an_object'],
      ['a JSON string holding JSON', json(direct({})), 'not_an_object'],
      [
        'over 256 KiB',
        direct({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
        'too_large',
      ],
      [
        'over 256 KiB in UTF-8 only',
        direct({ pad: 'é'.repeat(MAX_BODY_BYTES / 2) }),
        'too_large',
      ],
      ['not a string', { type: 'direct' }, 'not_a_string'],
    ])('refuses a body that is %s', (_case, body, reason) => {
      // Act
      const result = parse(body);

      // Assess
      expect(result).toEqual({
        success: false,
        rejection: { field: 'body', reason },
      });
    });

    it('accepts a body of exactly 256 KiB', () => {
      // Prepare
      const base = direct({ pad: '' });
      const body = direct({ pad: 'x'.repeat(MAX_BODY_BYTES - base.length) });

      // Act
      const result = parse(body);

      // Assess
      expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
      expect(result.success).toBe(true);
    });
  });

  it.each([
    'invalid-type',
    'invalid-created-at',
    'invalid-ip',
    'invalid-url',
    'invalid-body',
  ])('refuses every record of the %s fixture', (variant) => {
    // Prepare
    const { Records } = loadEvent('sqs', variant);

    // Act
    const results = Records.map((record) => parse(record.body));

    // Assess
    expect(results.filter((result) => result.success)).toEqual([]);
  });
});
