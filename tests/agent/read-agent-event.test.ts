import { describe, expect, it } from '@jest/globals';
import {
  MAX_QUERY_LENGTH,
  MAX_REQUEST_BODY_BYTES,
  readAgentEvent,
} from '../../lib/agent/read-agent-event.ts';
import { loadEvent } from '../fixtures/load-event.ts';

const NOW = Date.UTC(2026, 0, 15, 9, 31);
const TIME_EPOCH = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
const now = () => NOW;

type HttpEvent = {
  rawQueryString: string;
  queryStringParameters?: Record<string, string>;
  headers: Record<string, string>;
  requestContext: {
    http: { method: string; sourceIp: string };
    timeEpoch?: number;
  };
  body?: string;
  isBase64Encoded: boolean;
};

function loadHttp(variant: string): HttpEvent {
  return loadEvent<HttpEvent>('agent', variant);
}

describe('readAgentEvent', () => {
  it.each([
    ['direct-invoke-direct', { type: 'direct', ip: '127.0.0.1' }],
    ['direct-invoke-referrer', { type: 'referrer', url: 'test.com' }],
  ])('reads the original invocation %s, timed now', (variant, fields) => {
    // Act
    const result = readAgentEvent(loadEvent('agent', variant), { now });

    // Assess
    expect(result).toEqual({
      source: 'invoke',
      request: { ...fields, occurredAt: NOW },
    });
  });

  it('passes every field of an invocation through, site included', () => {
    // Prepare
    const event = {
      queryStringParameters: {
        ip: '192.0.2.1',
        referrer: 'https://example.org/',
        site: 'example.com',
        other: 'ignored',
      },
    };

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toEqual({
      source: 'invoke',
      request: {
        ip: '192.0.2.1',
        referrer: 'https://example.org/',
        site: 'example.com',
        occurredAt: NOW,
      },
    });
  });

  it.each([
    [null, 'event', 'not_an_object'],
    ['visit', 'event', 'not_an_object'],
    [[], 'event', 'not_an_object'],
    [{}, 'queryStringParameters', 'missing'],
    [
      { queryStringParameters: 'type=direct' },
      'queryStringParameters',
      'not_an_object',
    ],
    [{ queryStringParameters: { type: 1 } }, 'type', 'not_a_string'],
    [{ queryStringParameters: { ip: ['192.0.2.1'] } }, 'ip', 'not_a_string'],
  ])('refuses the invocation %j', (event, field, reason) => {
    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toEqual({ source: 'invoke', field, reason });
  });

  it('reads a function URL request: source address, Referer and request time', () => {
    // Act
    const result = readAgentEvent(
      loadEvent('agent', 'function-url-other-site'),
      {
        now,
      },
    );

    // Assess
    expect(result).toEqual({
      source: 'http',
      request: {
        ip: '198.51.100.23',
        referrer:
          'https://stackoverflow.com/questions/20942025/logstash-grok-pattern',
        occurredAt: TIME_EPOCH,
      },
    });
  });

  it('reads an HTTP API request the same way', () => {
    // Act
    const result = readAgentEvent(loadEvent('agent', 'http-api-other-site'), {
      now,
    });

    // Assess
    expect(result).toEqual({
      source: 'http',
      request: {
        ip: '203.0.113.201',
        referrer: 'https://news.ycombinator.com/item?id=42',
        occurredAt: TIME_EPOCH,
      },
    });
  });

  it('reads the client address only from the request context', () => {
    // Act
    const result = readAgentEvent(
      loadEvent('agent', 'function-url-spoofed-client'),
      { now },
    );

    // Assess
    expect(result).toEqual({
      source: 'http',
      request: { ip: '198.51.100.23', occurredAt: TIME_EPOCH },
    });
  });

  it('prefers the referrer parameter of a tracking script to the Referer header', () => {
    // Act
    const result = readAgentEvent(
      loadEvent('agent', 'function-url-tracking-script'),
      { now },
    );

    // Assess
    expect(result).toEqual({
      source: 'http',
      request: {
        ip: '192.0.2.14',
        referrer: 'https://en.wikipedia.org/wiki/Logstash',
        site: 'www.example.com',
        occurredAt: TIME_EPOCH,
      },
    });
  });

  it('keeps an empty referrer parameter instead of falling back to the header', () => {
    // Prepare
    const event = loadHttp('function-url-tracking-script');
    event.queryStringParameters = { referrer: '' };

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toMatchObject({ request: { referrer: '' } });
  });

  it('lets the configured site win over a site parameter', () => {
    // Act
    const result = readAgentEvent(
      loadEvent('agent', 'function-url-tracking-script'),
      { now, site: ['example.net'] },
    );

    // Assess
    expect(result).toMatchObject({ request: { site: ['example.net'] } });
  });

  it('reads the parameters of a POST body', () => {
    // Act
    const result = readAgentEvent(
      loadEvent('agent', 'function-url-beacon-post'),
      {
        now,
      },
    );

    // Assess
    expect(result).toEqual({
      source: 'http',
      request: {
        ip: '203.0.113.50',
        referrer: 'https://t.co/AbCdEf1234',
        occurredAt: TIME_EPOCH,
      },
    });
  });

  it('decodes a base64 body', () => {
    // Prepare
    const event = loadHttp('function-url-beacon-post');
    event.body = Buffer.from('{"type":"direct"}').toString('base64');
    event.isBase64Encoded = true;

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toMatchObject({ request: { type: 'direct' } });
  });

  it('finds a Referer header whatever its case', () => {
    // Prepare
    const event = loadHttp('function-url-no-referrer');
    event.headers.Referer = 'https://example.org/';

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toMatchObject({
      request: { referrer: 'https://example.org/' },
    });
  });

  it('times the visit now when the request time is missing', () => {
    // Prepare
    const event = loadHttp('function-url-no-referrer');
    delete event.requestContext.timeEpoch;

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toMatchObject({ request: { occurredAt: NOW } });
  });

  it.each<[string, (event: HttpEvent) => void, string, string]>([
    [
      'a method other than GET or POST',
      (event) => {
        event.requestContext.http.method = 'DELETE';
      },
      'method',
      'not_allowed',
    ],
    [
      'an oversize query string',
      (event) => {
        event.rawQueryString = `referrer=${'a'.repeat(MAX_QUERY_LENGTH)}`;
      },
      'query',
      'too_long',
    ],
    [
      'an oversize body',
      (event) => {
        event.body = JSON.stringify({
          referrer: 'a'.repeat(MAX_REQUEST_BODY_BYTES),
        });
      },
      'body',
      'too_long',
    ],
    [
      'an oversize base64 body',
      (event) => {
        event.body = 'A'.repeat(MAX_REQUEST_BODY_BYTES * 2);
        event.isBase64Encoded = true;
      },
      'body',
      'too_long',
    ],
    [
      'a body that is not JSON',
      (event) => {
        event.body = 'referrer=https://t.co/';
      },
      'body',
      'not_json',
    ],
    [
      'a body that is not an object',
      (event) => {
        event.body = '["https://t.co/"]';
      },
      'body',
      'not_an_object',
    ],
    [
      'a parameter given twice',
      (event) => {
        event.queryStringParameters = { referrer: 'https://a.example/' };
      },
      'referrer',
      'duplicate_parameter',
    ],
    [
      'a parameter that is not a string',
      (event) => {
        event.body = '{"referrer":{"href":"https://t.co/"}}';
      },
      'referrer',
      'not_a_string',
    ],
  ])('refuses %s', (_label, change, field, reason) => {
    // Prepare
    const event = loadHttp('function-url-beacon-post');
    change(event);

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toEqual({ source: 'http', field, reason });
  });

  it('refuses a request context without the 2.0 http block', () => {
    // Prepare
    const event = {
      httpMethod: 'GET',
      requestContext: { identity: { sourceIp: '192.0.2.1' } },
    };

    // Act
    const result = readAgentEvent(event, { now });

    // Assess
    expect(result).toEqual({
      source: 'http',
      field: 'event',
      reason: 'unsupported_event',
    });
  });
});
