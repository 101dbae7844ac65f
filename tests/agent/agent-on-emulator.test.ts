import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAgentHandler } from '../../lib/agent/create-agent-handler.ts';
import { createAgentSqsClient } from '../../lib/agent/create-agent-sqs-client.ts';
import { sendVisit } from '../../lib/agent/send-visit.ts';
import { sendVisitBatch } from '../../lib/agent/send-visit-batch.ts';
import { captureLogger } from '../fixtures/capture-logger.ts';
import { loadEvent } from '../fixtures/load-event.ts';
import {
  createTestQueues,
  receiveAll,
  startTestEmulator,
  type TestEmulator,
} from '../helpers/test-queues.ts';

const AWS_SETTINGS = [
  'AWS_ENDPOINT_URL',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
] as const;

describe('agent against the embedded SQS emulator', () => {
  const saved = new Map<string, string | undefined>();
  let test: TestEmulator;
  let client: SQSClient;

  beforeAll(async () => {
    test = await startTestEmulator();
    for (const name of AWS_SETTINGS) saved.set(name, process.env[name]);
    // Only the standard settings, as LocalStack gives its Lambdas.
    process.env.AWS_ENDPOINT_URL = test.emulator.endpoint;
    process.env.AWS_REGION = 'us-east-1';
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    client = createAgentSqsClient();
  });

  afterAll(async () => {
    client.destroy();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await test.stop();
  });

  it('reaches the endpoint named by AWS_ENDPOINT_URL', async () => {
    // Prepare
    const { queueUrl } = await createTestQueues(test.sqs, {
      receiveWaitTimeSeconds: 0,
    });
    const message = {
      type: 'direct',
      created_at: Date.now(),
      ip: '127.0.0.1',
    } as const;

    // Act
    const messageId = await sendVisit(client, queueUrl, message);

    // Assess
    const received = await receiveAll(test.sqs, queueUrl);
    expect(received.map((m) => [m.MessageId, m.Body])).toEqual([
      [messageId, JSON.stringify(message)],
    ]);
  });

  it('sends a replay of 25 visits, each exactly once', async () => {
    // Prepare
    const { queueUrl } = await createTestQueues(test.sqs, {
      receiveWaitTimeSeconds: 0,
    });
    const createdAt = Date.now();
    const entries = Array.from({ length: 25 }, (_, index) => ({
      id: `line-${index}`,
      message: {
        type: 'direct',
        created_at: createdAt,
        ip: `192.0.2.${index}`,
      } as const,
    }));

    // Act
    const result = await sendVisitBatch(client, queueUrl, entries);

    // Assess
    expect(result.failed).toEqual([]);
    expect(result.sent.map((entry) => entry.id)).toEqual(
      entries.map((e) => e.id),
    );
    const received = await receiveAll(test.sqs, queueUrl);
    expect(
      new Map(received.map((m) => [m.MessageId, JSON.parse(m.Body ?? '').ip])),
    ).toEqual(
      new Map(
        result.sent.map((entry, index) => [
          entry.messageId,
          `192.0.2.${index}`,
        ]),
      ),
    );
  });

  it('enqueues a function URL request through the handler', async () => {
    // Prepare
    const { queueUrl } = await createTestQueues(test.sqs, {
      receiveWaitTimeSeconds: 0,
    });
    const { logger } = captureLogger('traffic-agent');
    const timeEpoch = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
    const handler = createAgentHandler({
      logger,
      resolveClient: () => client,
      resolveConfig: () => ({ queueUrl, siteHosts: ['example.com'] }),
      now: () => timeEpoch + 60_000,
    });

    // Act
    const response = await handler(
      loadEvent('agent', 'function-url-search-engine'),
    );

    // Assess
    const received = await receiveAll(test.sqs, queueUrl);
    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body ?? '')).toEqual({
      messageId: received[0]?.MessageId,
    });
    expect(received.map((m) => m.Body)).toEqual([
      JSON.stringify({
        type: 'direct',
        created_at: timeEpoch,
        ip: '2001:db8::1f',
      }),
    ]);
  });
});
