import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

const DEPTH_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
] as const;

/** Counts a queue's messages: visible, in flight and delayed together. */
export async function readQueueDepth(
  sqs: SQSClient,
  queueUrl: string,
): Promise<number> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [...DEPTH_ATTRIBUTES],
    }),
  );

  return DEPTH_ATTRIBUTES.reduce(
    (sum, name) => sum + Number(Attributes[name] ?? 0),
    0,
  );
}
