import {
  QueueDoesNotExist,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import type { AgentConfig } from '../../lib/agent/agent-config.ts';
import {
  AgentConfigurationError,
  VisitEnqueueError,
} from '../../lib/agent/agent-errors.ts';
import { createAgentHandler } from '../../lib/agent/create-agent-handler.ts';
import { captureLogger, linesWith } from '../fixtures/capture-logger.ts';
import { loadEvent } from '../fixtures/load-event.ts';

const QUEUE_URL = 'http://localhost:4566/000000000000/traffic-queue';
const NOW = Date.UTC(2026, 0, 15, 9, 31, 0, 0);
const TIME_EPOCH = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
const CONTEXT = { awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' };

describe('createAgentHandler', () => {
  const sqs = mockClient(SQSClient);

  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: 'msg-1' });
  });

  function setUp(
    config: AgentConfig = { queueUrl: QUEUE_URL, siteHosts: ['example.com'] },
  ) {
    const { logger, lines } = captureLogger('traffic-agent');
    const resolveClient = jest.fn(() => new SQSClient({ region: 'us-east-1' }));
    const handler = createAgentHandler({
      logger,
      resolveClient,
      resolveConfig: () => config,
      now: () => NOW,
    });
    return { handler, lines, resolveClient };
  }

  function sentBodies(): unknown[] {
    return sqs
      .commandCalls(SendMessageCommand)
      .map((call) => JSON.parse(call.args[0].input.MessageBody ?? ''));
  }

  it.each([
    [
      'direct-invoke-direct',
      { type: 'direct', created_at: NOW, ip: '127.0.0.1' },
    ],
    [
      'direct-invoke-referrer',
      { type: 'referrer', created_at: NOW, url: 'http://test.com/' },
    ],
    [
      'function-url-no-referrer',
      { type: 'direct', created_at: TIME_EPOCH, ip: '203.0.113.7' },
    ],
    [
      'function-url-search-engine',
      { type: 'direct', created_at: TIME_EPOCH, ip: '2001:db8::1f' },
    ],
    [
      'function-url-other-site',
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://stackoverflow.com/questions/20942025/logstash-grok-pattern',
      },
    ],
    [
      'function-url-tracking-script',
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://en.wikipedia.org/wiki/Logstash',
      },
    ],
    [
      'function-url-spoofed-client',
      { type: 'direct', created_at: TIME_EPOCH, ip: '198.51.100.23' },
    ],
    [
      'function-url-beacon-post',
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://t.co/AbCdEf1234',
      },
    ],
    [
      'function-url-credentials-referrer',
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://partner.example.org/welcome?utm_source=mail',
      },
    ],
    [
      'http-api-other-site',
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://news.ycombinator.com/item?id=42',
      },
    ],
  ])('enqueues %s with the exact message body', async (variant, body) => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(loadEvent('agent', variant), CONTEXT);

    // Assess
    expect(response).toEqual({
      statusCode: 202,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      },
      body: '{"messageId":"msg-1"}',
    });
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify(body),
    });
  });

  it('answers 204 and enqueues nothing for internal navigation', async () => {
    // Prepare
    const { handler, lines } = setUp();

    // Act
    const response = await handler(
      loadEvent('agent', 'function-url-same-site'),
      CONTEXT,
    );

    // Assess
    expect(response).toEqual({
      statusCode: 204,
      headers: { 'cache-control': 'no-store' },
    });
    expect(sentBodies()).toEqual([]);
    expect(linesWith(lines, 'visit skipped')).toMatchObject([
      {
        level: 'info',
        source: 'http',
        reason: 'same_site',
        requestId: CONTEXT.awsRequestId,
      },
    ]);
  });

  it('uses the site a request names when none is configured', async () => {
    // Prepare
    const { handler } = setUp({ queueUrl: QUEUE_URL });
    const event = loadEvent<{ queryStringParameters: Record<string, string> }>(
      'agent',
      'function-url-tracking-script',
    );
    event.queryStringParameters.referrer = 'https://example.com/about';

    // Act
    const response = await handler(event, CONTEXT);

    // Assess
    expect(response.statusCode).toBe(204);
  });

  it('ignores the site a request names when one is configured', async () => {
    // Prepare
    const { handler } = setUp({
      queueUrl: QUEUE_URL,
      siteHosts: ['example.net'],
    });
    const event = loadEvent<{ queryStringParameters: Record<string, string> }>(
      'agent',
      'function-url-tracking-script',
    );
    event.queryStringParameters.referrer = 'https://example.com/about';

    // Act
    const response = await handler(event, CONTEXT);

    // Assess
    expect(response.statusCode).toBe(202);
    expect(sentBodies()).toEqual([
      {
        type: 'referrer',
        created_at: TIME_EPOCH,
        url: 'https://example.com/about',
      },
    ]);
  });

  it('answers 400 naming the field, and logs no submitted value', async () => {
    // Prepare
    const { handler, lines, resolveClient } = setUp();
    const event = {
      queryStringParameters: { type: 'direct', ip: 'not-an-ip\r\nX: y' },
    };

    // Act
    const response = await handler(event, CONTEXT);

    // Assess
    expect(response).toEqual({
      statusCode: 400,
      headers: {
        'content-type': 'application/json',
        'cache-control': 'no-store',
      },
      body: '{"error":"invalid_visit","field":"ip","reason":"control_characters"}',
    });
    expect(resolveClient).not.toHaveBeenCalled();
    expect(linesWith(lines, 'visit rejected')).toMatchObject([
      {
        level: 'warn',
        source: 'invoke',
        field: 'ip',
        reason: 'control_characters',
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('not-an-ip');
  });

  it('answers 400 for the original referrer contract with a bad address', async () => {
    // Prepare
    const { handler } = setUp();

    // Act
    const response = await handler(
      { queryStringParameters: { type: 'direct', ip: '999.0.0.1' } },
      CONTEXT,
    );

    // Assess
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: 'invalid_visit',
      field: 'ip',
      reason: 'not_an_ip_address',
    });
  });

  it('answers 405 to a method other than GET or POST', async () => {
    // Prepare
    const { handler } = setUp();
    const event = loadEvent<{ requestContext: { http: { method: string } } }>(
      'agent',
      'function-url-no-referrer',
    );
    event.requestContext.http.method = 'PUT';

    // Act
    const response = await handler(event, CONTEXT);

    // Assess
    expect(response.statusCode).toBe(405);
    expect(JSON.parse(response.body ?? '')).toEqual({
      error: 'method_not_allowed',
    });
  });

  it('logs only the normalized host of a referrer, never its credentials', async () => {
    // Prepare
    const { handler, lines } = setUp();

    // Act
    await handler(
      loadEvent('agent', 'function-url-credentials-referrer'),
      CONTEXT,
    );

    // Assess
    expect(linesWith(lines, 'visit enqueued')).toMatchObject([
      {
        level: 'info',
        source: 'http',
        type: 'referrer',
        host: 'partner.example.org',
        messageId: 'msg-1',
        requestId: CONTEXT.awsRequestId,
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/alice|s3cret|utm_source/);
  });

  it('throws on a queue failure after one structured error line', async () => {
    // Prepare
    sqs.on(SendMessageCommand).rejects(
      new QueueDoesNotExist({
        message: 'The specified queue does not exist.',
        $metadata: {},
      }),
    );
    const { handler, lines } = setUp();

    // Act
    const invoking = handler(
      loadEvent('agent', 'direct-invoke-direct'),
      CONTEXT,
    );

    // Assess
    await expect(invoking).rejects.toThrow(VisitEnqueueError);
    expect(linesWith(lines, 'enqueue failed')).toMatchObject([
      {
        level: 'error',
        source: 'invoke',
        type: 'direct',
        error: {
          name: 'VisitEnqueueError',
          cause: {
            name: 'QueueDoesNotExist',
            message: 'The specified queue does not exist.',
          },
        },
      },
    ]);
  });

  it('throws on a configuration failure after logging it', async () => {
    // Prepare
    const { logger, lines } = captureLogger('traffic-agent');
    const handler = createAgentHandler({
      logger,
      resolveClient: () => new SQSClient({ region: 'us-east-1' }),
      resolveConfig: () => {
        throw new AgentConfigurationError('TRAFFIC_QUEUE_URL', 'missing');
      },
    });

    // Act
    const invoking = handler(
      loadEvent('agent', 'direct-invoke-direct'),
      CONTEXT,
    );

    // Assess
    await expect(invoking).rejects.toThrow(AgentConfigurationError);
    expect(linesWith(lines, 'invocation failed')).toMatchObject([
      { level: 'error', error: { name: 'AgentConfigurationError' } },
    ]);
    expect(sentBodies()).toEqual([]);
  });
});
