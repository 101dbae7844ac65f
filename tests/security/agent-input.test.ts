import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import type { AgentResponse } from '../../lib/agent/agent-response.ts';
import {
  MAX_FIELD_LENGTH,
  MAX_REFERRER_LENGTH,
} from '../../lib/agent/build-visit-message.ts';
import { createAgentHandler } from '../../lib/agent/create-agent-handler.ts';
import {
  MAX_QUERY_LENGTH,
  MAX_REQUEST_BODY_BYTES,
} from '../../lib/agent/read-agent-event.ts';
import { parseVisitBody } from '../../lib/visit/parse-visit-body.ts';
import { createVisitSchema } from '../../lib/visit/visit.schema.ts';
import { loadEvent } from '../fixtures/load-event.ts';
import { hostileText } from '../reliability/visit-arbitraries.ts';
import { captureRawLogger, findLogFaults } from './log-line-faults.ts';

const QUEUE_URL = 'http://127.0.0.1:4566/000000000000/traffic-queue';
const TIME_EPOCH = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
const NOW = TIME_EPOCH + 1_000;
const SOURCE_IP = '203.0.113.7';
const schema = createVisitSchema(() => NOW);

type HttpEvent = {
  rawQueryString: string;
  headers: Record<string, string>;
  queryStringParameters?: Record<string, string>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string; sourceIp: string } };
};

/** A function URL request from {@link SOURCE_IP} on example.com. */
function buildHttpEvent(
  change: (event: HttpEvent) => void = () => {},
): HttpEvent {
  const event = loadEvent<HttpEvent>('agent', 'function-url-no-referrer');
  change(event);
  return event;
}

describe('the agent under hostile requests', () => {
  const sqs = mockClient(SQSClient);

  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  });

  async function invoke(event: unknown) {
    const { logger, lines } = captureRawLogger('traffic-agent');
    const handler = createAgentHandler({
      logger,
      resolveClient: () => new SQSClient({ region: 'us-east-1' }),
      resolveConfig: () => ({
        queueUrl: QUEUE_URL,
        siteHosts: ['example.com'],
      }),
      now: () => NOW,
    });

    const response: AgentResponse = await handler(event, {
      awsRequestId: 'req-1',
    });
    const bodies = sqs
      .commandCalls(SendMessageCommand)
      .map((call) => call.args[0].input.MessageBody ?? '');
    sqs.resetHistory();
    return { response, bodies, lines, logged: lines.join('\n') };
  }

  describe('client address', () => {
    it('takes the connection address and ignores every spoofable header', async () => {
      // Prepare
      const event = loadEvent('agent', 'function-url-spoofed-client');

      // Act
      const { response, bodies, logged } = await invoke(event);

      // Assess
      expect(response.statusCode).toBe(202);
      expect(bodies.map((body) => JSON.parse(body).ip)).toEqual([
        '198.51.100.23',
      ]);
      for (const spoofed of ['192.0.2.66', '192.0.2.67', '192.0.2.68']) {
        expect(bodies.join()).not.toContain(spoofed);
        expect(logged).not.toContain(spoofed);
      }
    });

    it('sends the source address whatever the client claims', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.ipV4(),
          fc.ipV6(),
          fc.constantFrom('ip', 'client_ip', 'x-forwarded-for'),
          async (claimedV4, claimedV6, param) => {
            // Prepare
            const event = buildHttpEvent((e) => {
              e.headers['x-forwarded-for'] = `${claimedV4}, ${claimedV6}`;
              e.headers['x-real-ip'] = claimedV4;
              e.headers.forwarded = `for="[${claimedV6}]";proto=https`;
              e.headers['true-client-ip'] = claimedV4;
              e.queryStringParameters = { [param]: claimedV4 };
              e.rawQueryString = `${param}=${claimedV4}`;
            });

            // Act
            const { bodies } = await invoke(event);

            // Assess
            expect(bodies.map((body) => JSON.parse(body).ip)).toEqual([
              SOURCE_IP,
            ]);
          },
        ),
        { numRuns: 50 },
      );
    });
  });

  describe('credentials in URLs', () => {
    const user = 'alice7user';
    const password = 's3cretPass';
    const withCredentials = (url: string) =>
      url.replace('://', `://${user}:${password}@`);

    type Source = { referer?: string; param?: string };

    it.each<[string, Source]>([
      ['a referer header', { referer: 'https://partner.example.org/welcome' }],
      ['a referrer parameter', { param: 'https://partner.example.org/a?b=c' }],
      ['a search engine', { referer: 'https://www.google.com/search?q=x' }],
      ['the site itself', { referer: 'https://example.com/page' }],
      ['an unsupported scheme', { param: 'ftp://files.example/x' }],
      ['an overlong url', { param: `https://x.example/${'a'.repeat(5000)}` }],
      ['a control character', { param: 'https://x.example/\r\nSet-Cookie:a' }],
    ])('never sends or logs the credentials of %s', async (_, source) => {
      // Prepare
      const event = buildHttpEvent((e) => {
        if (source.referer !== undefined) {
          e.headers.referer = withCredentials(source.referer);
        }
        if (source.param !== undefined) {
          e.queryStringParameters = {
            referrer: withCredentials(source.param),
          };
          e.rawQueryString = 'referrer=...';
        }
      });

      // Act
      const { response, bodies, logged, lines } = await invoke(event);

      // Assess
      expect([202, 204, 400]).toContain(response.statusCode);
      for (const secret of [user, password]) {
        expect(bodies.join('\n')).not.toContain(secret);
        expect(logged).not.toContain(secret);
        expect(response.body ?? '').not.toContain(secret);
      }
      expect(findLogFaults(lines)).toEqual([]);
    });

    it('strips credentials from a url an invoker sends', async () => {
      // Prepare
      const event = {
        queryStringParameters: {
          type: 'referrer',
          url: withCredentials('https://partner.example.org/'),
        },
      };

      // Act
      const { bodies, logged } = await invoke(event);

      // Assess
      expect(bodies.map((body) => JSON.parse(body).url)).toEqual([
        'https://partner.example.org/',
      ]);
      expect(logged).not.toContain(password);
    });
  });

  describe('header injection', () => {
    it.each([
      'https://evil.example/\r\nSet-Cookie: a=b',
      'https://evil.example/\nX-Injected: 1',
      'https://evil.example/\u0000tail',
      'https://evil.example/\u2028{"level":"error"}',
    ])('neither sends nor logs a raw line break from %j', async (referrer) => {
      // Prepare
      const event = buildHttpEvent((e) => {
        e.queryStringParameters = { referrer };
        e.rawQueryString = 'referrer=...';
      });

      // Act
      const { response, bodies, lines } = await invoke(event);

      // Assess
      expect([202, 400]).toContain(response.statusCode);
      for (const body of bodies) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
        expect(body).not.toMatch(/[\r\n\u0000\u2028]/);
        expect(parseVisitBody(body, schema).success).toBe(true);
      }
      expect(findLogFaults(lines)).toEqual([]);
      expect(lines.join('\n')).not.toContain('Set-Cookie');
    });

    it('keeps an encoded CR LF encoded, never decoded', async () => {
      // Prepare
      const event = buildHttpEvent((e) => {
        e.headers.referer = 'https://evil.example/a%0d%0aSet-Cookie:%20x=y';
      });

      // Act
      const { response, bodies, lines } = await invoke(event);

      // Assess
      expect(response.statusCode).toBe(202);
      expect(bodies.map((body) => JSON.parse(body).url)).toEqual([
        'https://evil.example/a%0d%0aSet-Cookie:%20x=y',
      ]);
      expect(findLogFaults(lines)).toEqual([]);
      expect(lines.join('\n')).not.toContain('Set-Cookie');
    });
  });

  describe('size limits', () => {
    const marker = 'OVERSIZE-MARKER';

    it.each([
      [
        'query',
        (e: HttpEvent) => {
          e.rawQueryString = `referrer=${marker}${'a'.repeat(MAX_QUERY_LENGTH)}`;
        },
      ],
      [
        'body',
        (e: HttpEvent) => {
          e.requestContext.http.method = 'POST';
          e.body = JSON.stringify({
            referrer: `${marker}${'a'.repeat(MAX_REQUEST_BODY_BYTES)}`,
          });
        },
      ],
      [
        'referrer',
        (e: HttpEvent) => {
          e.headers.referer = `https://x.example/${marker}${'a'.repeat(MAX_REFERRER_LENGTH)}`;
        },
      ],
      [
        'type',
        (e: HttpEvent) => {
          e.queryStringParameters = {
            type: `${marker}${'a'.repeat(MAX_FIELD_LENGTH)}`,
          };
        },
      ],
    ])(
      'refuses an oversize %s without sending or echoing it',
      async (field, change) => {
        // Prepare
        const event = buildHttpEvent(change);

        // Act
        const { response, bodies, logged } = await invoke(event);

        // Assess
        expect(response.statusCode).toBe(400);
        expect(JSON.parse(response.body ?? '')).toEqual({
          error: 'invalid_visit',
          field,
          reason: 'too_long',
        });
        expect(bodies).toEqual([]);
        expect(logged).not.toContain(marker);
      },
    );
  });

  it('answers any request with a known status, sound logs and a valid body', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            type: hostileText,
            url: hostileText,
            referrer: hostileText,
            site: hostileText,
            ip: hostileText,
          },
          { requiredKeys: [] },
        ),
        fc.option(hostileText, { nil: undefined }),
        fc.boolean(),
        async (params, referer, viaHttp) => {
          // Prepare
          const event = viaHttp
            ? buildHttpEvent((e) => {
                e.queryStringParameters = params;
                if (referer !== undefined) e.headers.referer = referer;
              })
            : { queryStringParameters: params };

          // Act
          const { response, bodies, lines } = await invoke(event);

          // Assess
          expect([202, 204, 400]).toContain(response.statusCode);
          expect(bodies).toHaveLength(response.statusCode === 202 ? 1 : 0);
          for (const body of bodies) {
            expect(parseVisitBody(body, schema).success).toBe(true);
          }
          expect(findLogFaults(lines)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
