import {
  QueueDoesNotExist,
  RequestThrottled,
  SendMessageBatchCommand,
  type SendMessageBatchCommandInput,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import {
  type SendVisitBatchOptions,
  sendVisitBatch,
  type VisitBatchEntry,
} from '../../lib/agent/send-visit-batch.ts';

const QUEUE_URL =
  'https://sqs.us-east-1.amazonaws.com/000000000000/traffic-queue';
const NOW = Date.UTC(2026, 0, 15, 9, 30, 12, 345);

type BatchAnswer = {
  Successful?: { Id: string; MessageId?: string }[];
  Failed?: {
    Id: string;
    Code: string;
    Message?: string;
    SenderFault: boolean;
  }[];
};

function visits(count: number, prefix = 'line'): VisitBatchEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index + 1}`,
    message: { type: 'direct', created_at: NOW, ip: `192.0.2.${index + 1}` },
  }));
}

function bodiesOf(input: SendMessageBatchCommandInput | undefined): string[] {
  return (input?.Entries ?? []).map(
    (entry) => JSON.parse(entry.MessageBody ?? '').ip,
  );
}

function succeedAll(input: SendMessageBatchCommandInput): BatchAnswer {
  return {
    Successful: (input.Entries ?? []).map((entry) => ({
      Id: entry.Id ?? '',
      MessageId: `msg-${JSON.parse(entry.MessageBody ?? '').ip}`,
    })),
  };
}

describe('sendVisitBatch', () => {
  const sqs = mockClient(SQSClient);
  const client = new SQSClient({ region: 'us-east-1' });
  let delays: number[];
  let options: SendVisitBatchOptions;

  beforeEach(() => {
    sqs.reset();
    delays = [];
    options = {
      now: () => NOW,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
    };
  });

  it('sends groups of ten and reports every visit with its message id', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake(succeedAll);
    const entries = visits(23);

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, entries, {
      ...options,
      concurrency: 2,
    });

    // Assess
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(
      calls.map((call) => call.args[0].input.Entries?.length).sort(),
    ).toEqual([10, 10, 3]);
    expect(calls[0]?.args[0].input.QueueUrl).toBe(QUEUE_URL);
    expect(result.failed).toEqual([]);
    expect(result.sent).toEqual(
      entries.map((entry, index) => ({
        id: entry.id,
        messageId: `msg-192.0.2.${index + 1}`,
      })),
    );
  });

  it('sends each body exactly as the processor will read it', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake(succeedAll);

    // Act
    await sendVisitBatch(client, QUEUE_URL, visits(1), options);

    // Assess
    expect(
      sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input.Entries,
    ).toEqual([
      {
        Id: '0',
        MessageBody:
          '{"type":"direct","created_at":1768469412345,"ip":"192.0.2.1"}',
      },
    ]);
  });

  it('retries only the entries that failed through no fault of the sender', async () => {
    // Prepare
    sqs
      .on(SendMessageBatchCommand)
      .callsFakeOnce((input: SendMessageBatchCommandInput) => {
        const answer = succeedAll(input);
        return {
          Successful: answer.Successful?.filter((entry) => entry.Id !== '1'),
          Failed: [
            {
              Id: '1',
              Code: 'InternalError',
              Message: 'try again',
              SenderFault: false,
            },
          ],
        };
      })
      .callsFake(succeedAll);

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(3), options);

    // Assess
    const calls = sqs.commandCalls(SendMessageBatchCommand);
    expect(calls).toHaveLength(2);
    expect(bodiesOf(calls[1]?.args[0].input)).toEqual(['192.0.2.2']);
    expect(result).toEqual({
      sent: [
        { id: 'line-1', messageId: 'msg-192.0.2.1' },
        { id: 'line-2', messageId: 'msg-192.0.2.2' },
        { id: 'line-3', messageId: 'msg-192.0.2.3' },
      ],
      failed: [],
    });
    expect(delays).toEqual([50]);
  });

  it('does not retry a sender fault', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: 'm-0', MD5OfMessageBody: '' }],
      Failed: [
        {
          Id: '1',
          Code: 'InvalidParameterValue',
          Message: 'invalid body',
          SenderFault: true,
        },
      ],
    });

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(2), options);

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(result).toEqual({
      sent: [{ id: 'line-1', messageId: 'm-0' }],
      failed: [
        {
          id: 'line-2',
          code: 'InvalidParameterValue',
          message: 'invalid body',
        },
      ],
    });
  });

  it('surfaces the last failure once the attempts are spent', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({
      Failed: [
        {
          Id: '0',
          Code: 'ServiceUnavailable',
          Message: 'busy',
          SenderFault: false,
        },
      ],
      Successful: [],
    });

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(1), {
      ...options,
      maxAttempts: 3,
    });

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(3);
    expect(result).toEqual({
      sent: [],
      failed: [{ id: 'line-1', code: 'ServiceUnavailable', message: 'busy' }],
    });
  });

  it.each([
    [
      'a throttled call',
      new RequestThrottled({ message: 'slow down', $metadata: {} }),
    ],
    [
      'a server fault',
      Object.assign(new Error('internal'), {
        name: 'InternalFailure',
        $fault: 'server',
        $metadata: {},
      }),
    ],
    [
      'a network error',
      Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
    ],
  ])('retries the whole call after %s', async (_label, error) => {
    // Prepare
    sqs.on(SendMessageBatchCommand).rejectsOnce(error).callsFake(succeedAll);

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(2), options);

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
    expect(result.sent.map((entry) => entry.id)).toEqual(['line-1', 'line-2']);
    expect(result.failed).toEqual([]);
  });

  it('fails every entry at once on an error that retrying cannot fix', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).rejects(
      new QueueDoesNotExist({
        message: 'no such queue',
        $metadata: { httpStatusCode: 400 },
      }),
    );

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(2), options);

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(result).toEqual({
      sent: [],
      failed: [
        { id: 'line-1', code: 'QueueDoesNotExist', message: 'no such queue' },
        { id: 'line-2', code: 'QueueDoesNotExist', message: 'no such queue' },
      ],
    });
  });

  it('surfaces a thrown transient error once the attempts are spent', async () => {
    // Prepare
    sqs
      .on(SendMessageBatchCommand)
      .rejects(new RequestThrottled({ message: 'slow down', $metadata: {} }));

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(1), {
      ...options,
      maxAttempts: 2,
    });

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(2);
    expect(result.failed).toEqual([
      { id: 'line-1', code: 'RequestThrottled', message: 'slow down' },
    ]);
  });

  it('retries an entry the answer does not mention', async () => {
    // Prepare
    sqs
      .on(SendMessageBatchCommand)
      .resolvesOnce({
        Successful: [{ Id: '0', MessageId: 'm-0', MD5OfMessageBody: '' }],
        Failed: [],
      })
      .callsFake(succeedAll);

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(2), options);

    // Assess
    expect(result.sent).toEqual([
      { id: 'line-1', messageId: 'm-0' },
      { id: 'line-2', messageId: 'msg-192.0.2.2' },
    ]);
  });

  it('never reports a visit sent without a message id, nor resends it', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({
      Successful: [{ Id: '0', MessageId: undefined, MD5OfMessageBody: '' }],
      Failed: [],
    } as never);

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, visits(1), options);

    // Assess
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(1);
    expect(result.sent).toEqual([]);
    expect(result.failed).toMatchObject([
      { id: 'line-1', code: 'MissingMessageId' },
    ]);
  });

  it('fails an invalid visit without sending it', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).callsFake(succeedAll);
    const entries: VisitBatchEntry[] = [
      ...visits(1),
      {
        id: 'bad',
        message: { type: 'referrer', created_at: NOW, url: 'ftp://x.example/' },
      },
    ];

    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, entries, options);

    // Assess
    expect(
      bodiesOf(sqs.commandCalls(SendMessageBatchCommand)[0]?.args[0].input),
    ).toEqual(['192.0.2.1']);
    expect(result.failed).toEqual([
      { id: 'bad', code: 'InvalidVisit', message: 'url: unsupported_scheme' },
    ]);
  });

  it('grows the delay ceiling exponentially up to its cap', async () => {
    // Prepare
    sqs.on(SendMessageBatchCommand).resolves({
      Failed: [{ Id: '0', Code: 'InternalError', SenderFault: false }],
      Successful: [],
    });

    // Act
    await sendVisitBatch(client, QUEUE_URL, visits(1), {
      ...options,
      random: () => 0.999,
      baseDelayMs: 100,
      maxDelayMs: 300,
      maxAttempts: 5,
    });

    // Assess
    expect(delays).toEqual([99, 199, 299, 299]);
  });

  it('makes no call for an empty list', async () => {
    // Act
    const result = await sendVisitBatch(client, QUEUE_URL, [], options);

    // Assess
    expect(result).toEqual({ sent: [], failed: [] });
    expect(sqs.commandCalls(SendMessageBatchCommand)).toHaveLength(0);
  });

  it('refuses entries whose ids repeat', async () => {
    // Prepare
    const entries = [...visits(1), ...visits(1)];

    // Act
    const sending = sendVisitBatch(client, QUEUE_URL, entries, options);

    // Assess
    await expect(sending).rejects.toThrow(RangeError);
  });
});
