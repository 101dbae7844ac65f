import { readFileSync } from 'node:fs';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { loadEvent } from '../../fixtures/load-event.ts';

type Handler = (
  event: unknown,
) => Promise<{ statusCode: number; body?: string }>;

const BUNDLE = new URL(
  '../../../dist/traffic-agent/index.mjs',
  import.meta.url,
);
const QUEUE_URL = 'http://localhost:4566/000000000000/traffic-queue';
const NOW = Date.UTC(2026, 0, 15, 9, 30, 12, 345);

describe('traffic-agent bundle', () => {
  const sqs = mockClient(SQSClient);
  const lines: string[] = [];
  let handler: Handler;

  beforeAll(async () => {
    process.env.TRAFFIC_QUEUE_URL = QUEUE_URL;
    process.env.SITE_HOST = 'example.com';
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate'] });
    jest.spyOn(process.stdout, 'write').mockImplementation((line) => {
      lines.push(String(line));
      return true;
    });
    ({ handler } = (await import(BUNDLE.href)) as { handler: Handler });
  });

  afterAll(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
    delete process.env.TRAFFIC_QUEUE_URL;
    delete process.env.SITE_HOST;
  });

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
      'function-url-other-site',
      {
        type: 'referrer',
        created_at: NOW,
        url: 'https://stackoverflow.com/questions/20942025/logstash-grok-pattern',
      },
    ],
  ])('enqueues %s through the mocked SQS client', async (variant, body) => {
    // Prepare
    sqs.reset();
    sqs.on(SendMessageCommand).resolves({ MessageId: `id-${variant}` });

    // Act
    const response = await handler(loadEvent('agent', variant));

    // Assess
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body ?? '')).toEqual({
      messageId: `id-${variant}`,
    });
    const calls = sqs.commandCalls(SendMessageCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody: JSON.stringify(body),
    });
  });

  it('answers 204 to internal navigation without sending', async () => {
    // Prepare
    sqs.reset();

    // Act
    const response = await handler(
      loadEvent('agent', 'function-url-same-site'),
    );

    // Assess
    expect(response.statusCode).toBe(204);
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('keeps the AWS SDK outside the bundle, to share the runtime copy', () => {
    // Prepare
    const code = readFileSync(BUNDLE, 'utf8');

    // Assess
    expect(code).toMatch(/from\s*"@aws-sdk\/client-sqs"/);
    expect(code).not.toContain('NodeHttpHandler');
  });

  it('writes its log lines as JSON from the traffic-agent service', () => {
    // Assess
    const logs = lines.map((line) => JSON.parse(line));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((line) => line.service === 'traffic-agent')).toBe(true);
    expect(
      logs.filter((line) => line.message === 'visit enqueued'),
    ).toHaveLength(3);
  });
});
