import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  InvalidVisitError,
  VisitEnqueueError,
} from '../../lib/agent/agent-errors.ts';
import { sendVisit } from '../../lib/agent/send-visit.ts';

const QUEUE_URL =
  'https://sqs.us-east-1.amazonaws.com/000000000000/traffic-queue';
const NOW = Date.UTC(2026, 0, 15, 9, 30, 12, 345);
const now = () => NOW;

describe('sendVisit', () => {
  const sqs = mockClient(SQSClient);
  const client = new SQSClient({ region: 'us-east-1' });

  beforeEach(() => {
    sqs.reset();
  });

  it('sends the message as its JSON body and returns the message id', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({ MessageId: 'm-1' });
    const message = {
      type: 'direct',
      created_at: NOW,
      ip: '127.0.0.1',
    } as const;

    // Act
    const messageId = await sendVisit(client, QUEUE_URL, message, { now });

    // Assess
    expect(messageId).toBe('m-1');
    expect(sqs.commandCalls(SendMessageCommand)[0]?.args[0].input).toEqual({
      QueueUrl: QUEUE_URL,
      MessageBody:
        '{"type":"direct","created_at":1768469412345,"ip":"127.0.0.1"}',
    });
  });

  it('refuses a message the processor would reject, without sending it', async () => {
    // Prepare
    const message = {
      type: 'direct',
      created_at: NOW,
      ip: 'localhost',
    } as const;

    // Act
    const sending = sendVisit(client, QUEUE_URL, message, { now });

    // Assess
    await expect(sending).rejects.toThrow(InvalidVisitError);
    await expect(sending).rejects.toMatchObject({
      field: 'ip',
      reason: 'not_an_ip_address',
    });
    expect(sqs.commandCalls(SendMessageCommand)).toHaveLength(0);
  });

  it('wraps a queue failure, keeping the SDK error as its cause', async () => {
    // Prepare
    const failure = Object.assign(
      new Error('The specified queue does not exist.'),
      {
        name: 'QueueDoesNotExist',
      },
    );
    sqs.on(SendMessageCommand).rejects(failure);
    const message = {
      type: 'referrer',
      created_at: NOW,
      url: 'http://test.com/',
    } as const;

    // Act
    const sending = sendVisit(client, QUEUE_URL, message, { now });

    // Assess
    await expect(sending).rejects.toThrow(VisitEnqueueError);
    await expect(sending).rejects.toMatchObject({ cause: failure });
  });

  it('fails when the queue answers without a message id', async () => {
    // Prepare
    sqs.on(SendMessageCommand).resolves({});
    const message = {
      type: 'direct',
      created_at: NOW,
      ip: '127.0.0.1',
    } as const;

    // Act
    const sending = sendVisit(client, QUEUE_URL, message, { now });

    // Assess
    await expect(sending).rejects.toThrow(VisitEnqueueError);
  });
});
