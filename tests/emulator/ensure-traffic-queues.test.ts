import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { ensureTrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { useTestEmulator } from '../helpers/test-queues.ts';

describe('ensureTrafficQueues', () => {
  const test = useTestEmulator();

  const readAttributes = async (queueUrl: string) => {
    const { Attributes = {} } = await test.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['All'],
      }),
    );
    return Attributes;
  };

  it('creates both queues with the Terraform defaults', async () => {
    // Act
    const queues = await ensureTrafficQueues(test.sqs);

    // Assess
    expect(queues.queueUrl).toMatch(/\/traffic-queue$/);
    expect(queues.deadLetterQueueUrl).toMatch(/\/traffic-dlq$/);
    const queue = await readAttributes(queues.queueUrl);
    expect(queue.VisibilityTimeout).toBe(
      String(PIPELINE_DEFAULTS.visibilityTimeoutSeconds),
    );
    expect(queue.MessageRetentionPeriod).toBe(
      String(PIPELINE_DEFAULTS.messageRetentionSeconds),
    );
    expect(queue.ReceiveMessageWaitTimeSeconds).toBe(
      String(PIPELINE_DEFAULTS.receiveWaitTimeSeconds),
    );
    expect(queue.SqsManagedSseEnabled).toBe('true');
    expect(JSON.parse(queue.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: queues.deadLetterQueueArn,
      maxReceiveCount: PIPELINE_DEFAULTS.maxReceiveCount,
    });
    const dlq = await readAttributes(queues.deadLetterQueueUrl);
    expect(dlq.MessageRetentionPeriod).toBe(
      String(PIPELINE_DEFAULTS.deadLetterRetentionSeconds),
    );
    expect(dlq.SqsManagedSseEnabled).toBe('true');
    expect(dlq.RedrivePolicy).toBeUndefined();
    expect(JSON.parse(dlq.RedriveAllowPolicy ?? '{}')).toEqual({
      redrivePermission: 'byQueue',
      sourceQueueArns: [queues.queueArn],
    });
  });

  it('returns the same queues when called again', async () => {
    // Prepare
    const options = {
      queueName: 'again-queue',
      deadLetterQueueName: 'again-dlq',
    };
    const first = await ensureTrafficQueues(test.sqs, options);

    // Act
    const second = await ensureTrafficQueues(test.sqs, options);

    // Assess
    expect(second).toEqual(first);
  });

  it('applies a shorter visibility timeout and receive count', async () => {
    // Act
    const queues = await ensureTrafficQueues(test.sqs, {
      queueName: 'short-queue',
      deadLetterQueueName: 'short-dlq',
      visibilityTimeoutSeconds: 1,
      maxReceiveCount: 2,
    });

    // Assess
    const queue = await readAttributes(queues.queueUrl);
    expect(queue.VisibilityTimeout).toBe('1');
    expect(JSON.parse(queue.RedrivePolicy ?? '{}').maxReceiveCount).toBe(2);
  });
});
