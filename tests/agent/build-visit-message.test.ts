import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  buildVisitMessage,
  MAX_FIELD_LENGTH,
  MAX_REFERRER_LENGTH,
  type VisitRequest,
} from '../../lib/agent/build-visit-message.ts';
import { parseVisitBody } from '../../lib/visit/parse-visit-body.ts';
import { createVisitSchema } from '../../lib/visit/visit.schema.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
const now = () => NOW;

function build(fields: Omit<VisitRequest, 'occurredAt'>) {
  return buildVisitMessage({ ...fields, occurredAt: NOW }, { now });
}

describe('buildVisitMessage', () => {
  it('builds the original direct message', () => {
    // Act
    const result = build({ type: 'direct', ip: '127.0.0.1' });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: { type: 'direct', created_at: NOW, ip: '127.0.0.1' },
    });
  });

  it('builds the original referrer message with the normalized URL', () => {
    // Act
    const result = build({ type: 'referrer', url: 'test.com' });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: { type: 'referrer', created_at: NOW, url: 'http://test.com/' },
    });
  });

  it('sends the canonical client address', () => {
    // Act
    const results = ['::ffff:192.0.2.1', '2001:DB8:0:0:0:0:0:1'].map((ip) =>
      build({ type: 'direct', ip }),
    );

    // Assess
    expect(results.map((r) => r.outcome === 'enqueue' && r.message.ip)).toEqual(
      ['192.0.2.1', '2001:db8::1'],
    );
  });

  it('classifies a search-engine referrer as a direct visit with the address', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: 'https://www.google.co.uk/',
    });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: { type: 'direct', created_at: NOW, ip: '192.0.2.1' },
    });
  });

  it('classifies a visit without referrer as direct', () => {
    // Act
    const result = build({ ip: '192.0.2.1', referrer: '' });

    // Assess
    expect(result).toMatchObject({ message: { type: 'direct' } });
  });

  it('classifies another site as a referrer visit carrying that referrer', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: 'https://en.wikipedia.org/wiki/Logstash',
      site: 'example.com',
    });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: {
        type: 'referrer',
        created_at: NOW,
        url: 'https://en.wikipedia.org/wiki/Logstash',
      },
    });
  });

  it('drops credentials from a referrer before it becomes the message', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: 'https://alice:s3cret@partner.example.org/welcome',
    });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: {
        type: 'referrer',
        created_at: NOW,
        url: 'https://partner.example.org/welcome',
      },
    });
  });

  it('reports internal navigation instead of a message', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: 'https://www.example.com/blog/',
      site: 'example.com',
    });

    // Assess
    expect(result).toEqual({ outcome: 'same_site' });
  });

  it('lets an explicit type override the classification', () => {
    // Act
    const result = build({
      type: 'referrer',
      referrer: 'https://www.example.com/blog/',
      site: 'example.com',
    });

    // Assess
    expect(result).toMatchObject({
      outcome: 'enqueue',
      message: { type: 'referrer', url: 'https://www.example.com/blog/' },
    });
  });

  it('prefers url to referrer for an explicit referrer visit', () => {
    // Act
    const result = build({
      type: 'referrer',
      url: 'https://a.example/',
      referrer: 'https://b.example/',
    });

    // Assess
    expect(result).toMatchObject({ message: { url: 'https://a.example/' } });
  });

  it('classifies url when no referrer is given', () => {
    // Act
    const result = build({ url: 'https://a.example/' });

    // Assess
    expect(result).toMatchObject({
      message: { type: 'referrer', url: 'https://a.example/' },
    });
  });

  it.each<[string, Omit<VisitRequest, 'occurredAt'>, string, string]>([
    [
      'an unknown type',
      { type: 'organic', ip: '192.0.2.1' },
      'type',
      'not_a_visit_type',
    ],
    ['a direct visit without address', { type: 'direct' }, 'ip', 'missing'],
    [
      'a classified visit without address',
      { referrer: 'https://google.com/' },
      'ip',
      'missing',
    ],
    ['a referrer visit without URL', { type: 'referrer' }, 'url', 'missing'],
    [
      'an address that is not one',
      { type: 'direct', ip: '127.0.0.256' },
      'ip',
      'not_an_ip_address',
    ],
    [
      'an address with a zone',
      { type: 'direct', ip: 'fe80::1%eth0' },
      'ip',
      'not_an_ip_address',
    ],
    [
      'a URL with another scheme',
      { type: 'referrer', url: 'ftp://x.example/' },
      'url',
      'unsupported_scheme',
    ],
    [
      'a referrer with another scheme',
      { type: 'referrer', referrer: 'javascript:alert(1)' },
      'referrer',
      'unsupported_scheme',
    ],
    [
      'a link from another app',
      { ip: '192.0.2.1', referrer: 'android-app://com.slack/' },
      'referrer',
      'unsupported_scheme',
    ],
    [
      'CR/LF in a referrer',
      { ip: '192.0.2.1', referrer: 'https://a.example/\r\nX-Injected: 1' },
      'referrer',
      'control_characters',
    ],
    [
      'NUL in a type',
      { type: 'direct\u0000', ip: '192.0.2.1' },
      'type',
      'control_characters',
    ],
    [
      'a C1 control in an address',
      { type: 'direct', ip: '192.0.2.1\u0085' },
      'ip',
      'control_characters',
    ],
    [
      'an oversize referrer',
      {
        ip: '192.0.2.1',
        referrer: `https://www.google.com/${'a'.repeat(MAX_REFERRER_LENGTH)}`,
      },
      'referrer',
      'too_long',
    ],
    [
      'an oversize address',
      { type: 'direct', ip: '1'.repeat(MAX_FIELD_LENGTH + 1) },
      'ip',
      'too_long',
    ],
    [
      'an unreadable site',
      { ip: '192.0.2.1', site: 'ftp://example.com' },
      'site',
      'unsupported_scheme',
    ],
    [
      'an oversize site',
      { ip: '192.0.2.1', site: 'a'.repeat(MAX_FIELD_LENGTH + 1) },
      'site',
      'too_long',
    ],
  ])('refuses %s', (_label, fields, field, reason) => {
    // Act
    const result = build(fields);

    // Assess
    expect(result).toEqual({ outcome: 'invalid', field, reason });
  });

  it('keeps a direct visit whose search-engine referrer is long', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: `https://www.google.com/search?q=${'a'.repeat(3000)}`,
    });

    // Assess
    expect(result).toEqual({
      outcome: 'enqueue',
      message: { type: 'direct', created_at: NOW, ip: '192.0.2.1' },
    });
  });

  it('refuses a referrer visit whose URL is too long to store', () => {
    // Act
    const result = build({
      ip: '192.0.2.1',
      referrer: `https://example.org/${'a'.repeat(3000)}`,
    });

    // Assess
    expect(result).toEqual({
      outcome: 'invalid',
      field: 'referrer',
      reason: 'too_long',
    });
  });

  it('classifies a referrer that only grows too long once encoded by its host', () => {
    // Act
    const other = build({
      ip: '192.0.2.1',
      referrer: `https://example.org/${'é'.repeat(400)}`,
    });
    const search = build({
      ip: '192.0.2.1',
      referrer: `https://www.google.co.uk/search?q=${'é'.repeat(400)}`,
    });

    // Assess
    expect(other).toEqual({
      outcome: 'invalid',
      field: 'referrer',
      reason: 'too_long',
    });
    expect(search).toEqual({
      outcome: 'enqueue',
      message: { type: 'direct', created_at: NOW, ip: '192.0.2.1' },
    });
  });

  it('refuses a field of the wrong type from an untyped caller', () => {
    // Prepare
    const request = { ip: 17, occurredAt: NOW } as unknown as VisitRequest;

    // Act
    const result = buildVisitMessage(request, { now });

    // Assess
    expect(result).toEqual({
      outcome: 'invalid',
      field: 'ip',
      reason: 'not_a_string',
    });
  });

  it.each([
    [Date.UTC(1999, 11, 31), 'implausible_time'],
    [NOW + 2 * 24 * 60 * 60 * 1000, 'implausible_time'],
    [NOW + 0.5, 'not_an_integer'],
  ])('refuses the visit time %p', (occurredAt, reason) => {
    // Act
    const result = buildVisitMessage(
      { type: 'direct', ip: '192.0.2.1', occurredAt },
      { now },
    );

    // Assess
    expect(result).toEqual({ outcome: 'invalid', field: 'created_at', reason });
  });

  it('only ever builds messages the processor accepts unchanged', () => {
    // Prepare
    const schema = createVisitSchema(now);
    const text = fc.oneof(
      fc.constantFrom(
        '',
        'direct',
        'referrer',
        '127.0.0.1',
        '::ffff:10.0.0.1',
        'test.com',
        'https://www.google.de/',
        'https://user:pw@example.org:8080/a?b#c',
        'example.com',
        'android-app://com.google.android.googlequicksearchbox/',
      ),
      fc.string({ maxLength: 40 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.ipV4(),
      fc.ipV6(),
    );
    const request = fc.record(
      {
        type: text,
        ip: text,
        url: text,
        referrer: text,
        site: text,
        occurredAt: fc.integer({ min: NOW - 1e12, max: NOW + 1e9 }),
      },
      { requiredKeys: ['occurredAt'] },
    );

    // Act & Assess
    fc.assert(
      fc.property(request, (fields) => {
        const result = buildVisitMessage(fields, { now });
        if (result.outcome !== 'enqueue') return;

        const parsed = parseVisitBody(JSON.stringify(result.message), schema);
        expect(parsed.success).toBe(true);
        if (!parsed.success) return;
        expect(parsed.visit.ip).toBe(result.message.ip);
        expect(parsed.visit.url).toBe(result.message.url);
        if (result.message.url === undefined) return;
        const url = new URL(result.message.url);
        expect(url.username + url.password).toBe('');
      }),
      { numRuns: 2000 },
    );
  });
});
