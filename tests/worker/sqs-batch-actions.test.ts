import {
  type ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import {
  deleteMessages,
  releaseMessages,
} from '../../lib/worker/sqs-batch-actions.ts';

type Answer = (entries: { Id: string }[]) => unknown;

/** A client answering each batch request with the next scripted answer. */
function scriptedClient(answers: Answer[]) {
  const requests: { name: string; entries: { Id: string }[] }[] = [];
  const sqs = {
    send: async (command: { input: { Entries: { Id: string }[] } }) => {
      const entries = command.input.Entries;
      requests.push({ name: command.constructor.name, entries });
      const answer = answers.shift() ?? succeedAll;
      return answer(entries);
    },
  } as unknown as SQSClient;

  return { sqs, requests };
}

const succeedAll: Answer = (entries) => ({
  Successful: entries.map(({ Id }) => ({ Id })),
});

const held = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    messageId: `m${index}`,
    receiptHandle: `r${index}`,
  }));

describe('deleteMessages', () => {
  it('deletes in requests of at most ten entries', async () => {
    // Prepare
    const { sqs, requests } = scriptedClient([]);

    // Act
    const result = await deleteMessages(sqs, 'q', held(23));

    // Assess
    expect(requests.map((request) => request.entries.length)).toEqual([
      10, 10, 3,
    ]);
    expect(requests[0]?.name).toBe(DeleteMessageBatchCommand.name);
    expect(result.done).toHaveLength(23);
    expect(result.failed).toEqual([]);
  });

  it('retries server-side entry failures and keeps sender faults', async () => {
    // Prepare
    const { sqs, requests } = scriptedClient([
      () => ({
        Successful: [{ Id: '0' }],
        Failed: [
          { Id: '1', Code: 'InternalError', SenderFault: false },
          { Id: '2', Code: 'ReceiptHandleIsInvalid', SenderFault: true },
        ],
      }),
    ]);

    // Act
    const result = await deleteMessages(sqs, 'q', held(3));

    // Assess
    expect(requests[1]?.entries.map((entry) => entry.Id)).toEqual(['1']);
    expect(result.done.sort()).toEqual(['m0', 'm1']);
    expect(result.failed).toEqual([
      { messageId: 'm2', code: 'ReceiptHandleIsInvalid' },
    ]);
  });

  it('returns what still fails after three attempts, without throwing', async () => {
    // Prepare
    const refuse: Answer = () => {
      throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' });
    };
    const { sqs, requests } = scriptedClient([refuse, refuse, refuse]);

    // Act
    const result = await deleteMessages(sqs, 'q', held(2));

    // Assess
    expect(requests).toHaveLength(3);
    expect(result.done).toEqual([]);
    expect(result.failed).toEqual([
      { messageId: 'm0', code: 'ServiceUnavailable' },
      { messageId: 'm1', code: 'ServiceUnavailable' },
    ]);
  });

  it('counts an entry missing from the answer as failed', async () => {
    // Prepare
    const silent: Answer = () => ({ Successful: [] });
    const { sqs } = scriptedClient([silent, silent, silent]);

    // Act
    const result = await deleteMessages(sqs, 'q', held(1));

    // Assess
    expect(result.failed).toEqual([{ messageId: 'm0', code: 'NotAnswered' }]);
  });
});

describe('releaseMessages', () => {
  it('sets the visibility timeout of each message to zero', async () => {
    // Prepare
    const inputs: unknown[] = [];
    const sqs = {
      send: async (command: ChangeMessageVisibilityBatchCommand) => {
        inputs.push(command.input);
        return { Successful: [{ Id: '0' }] };
      },
    } as unknown as SQSClient;

    // Act
    const result = await releaseMessages(sqs, 'q', held(1));

    // Assess
    expect(inputs).toEqual([
      {
        QueueUrl: 'q',
        Entries: [{ Id: '0', ReceiptHandle: 'r0', VisibilityTimeout: 0 }],
      },
    ]);
    expect(result.done).toEqual(['m0']);
  });
});
