import {
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { redriveDeadLetters } from '../../../lib/cli/dlq/redrive-dead-letters.ts';
import type { TrafficQueues } from '../../../lib/emulator/ensure-traffic-queues.ts';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  useTestEmulator,
} from '../../helpers/test-queues.ts';

function toTarget(queues: TrafficQueues) {
  return queues;
}

/** Counts a queue's visible messages. */
async function visible(sqs: SQSClient, queueUrl: string) {
  return (await countMessages(sqs, queueUrl)).visible;
}

describe('redriveDeadLetters', () => {
  const test = useTestEmulator();

  it('copies every dead letter back when the emulator has no move task', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const bodies = Array.from({ length: 23 }, (_, i) => `letter ${i}`);
    await sendBodies(test.sqs, queues.deadLetterQueueUrl, bodies);

    // Act
    const result = await redriveDeadLetters(test.sqs, toTarget(queues));

    // Assess
    expect(result).toEqual({ method: 'copy', moved: 23, failed: [] });
    expect(await visible(test.sqs, queues.deadLetterQueueUrl)).toBe(0);
    const moved = await receiveAll(test.sqs, queues.queueUrl);
    expect(moved.map((message) => message.Body).sort()).toEqual(bodies.sort());
  });

  it('keeps message attributes on the copies', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    await test.sqs.send(
      new SendMessageCommand({
        QueueUrl: queues.deadLetterQueueUrl,
        MessageBody: 'with attributes',
        MessageAttributes: {
          source: { DataType: 'String', StringValue: 'replay' },
        },
      }),
    );

    // Act
    await redriveDeadLetters(test.sqs, toTarget(queues), 'copy');

    // Assess
    const { Messages = [] } = await test.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queues.queueUrl,
        MessageAttributeNames: ['All'],
      }),
    );
    expect(Messages[0]?.MessageAttributes?.source?.StringValue).toBe('replay');
  });

  it('refuses an explicit move task the endpoint does not support', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    await sendBodies(test.sqs, queues.deadLetterQueueUrl, ['stays']);

    // Act
    const redrive = redriveDeadLetters(test.sqs, toTarget(queues), 'move-task');

    // Assess
    await expect(redrive).rejects.toThrow(
      expect.objectContaining({ name: 'InvalidAction' }),
    );
    expect(await visible(test.sqs, queues.deadLetterQueueUrl)).toBe(1);
  });

  it('does nothing for an empty DLQ', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);

    // Act
    const result = await redriveDeadLetters(test.sqs, toTarget(queues), 'copy');

    // Assess
    expect(result).toEqual({ method: 'copy', moved: 0, failed: [] });
  });
});
