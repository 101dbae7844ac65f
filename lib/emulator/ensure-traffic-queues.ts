import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';

/** Settings of the traffic queue and its DLQ; each defaults to Terraform's. */
export interface TrafficQueueOptions {
  queueName?: string;
  deadLetterQueueName?: string;
  /**
   * How long a received message stays hidden. Local runs may shorten it so
   * rejected messages reach the DLQ in seconds instead of minutes.
   */
  visibilityTimeoutSeconds?: number;
  maxReceiveCount?: number;
  messageRetentionSeconds?: number;
  deadLetterRetentionSeconds?: number;
  receiveWaitTimeSeconds?: number;
}

/** Where the traffic queue and its DLQ live. */
export interface TrafficQueues {
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
}

/**
 * Creates the traffic queue and its DLQ as Terraform does, or finds them if
 * they already exist with the same attributes.
 *
 * The DLQ comes first: the traffic queue's redrive policy names its ARN,
 * and the DLQ then accepts only that queue as a source.
 */
export async function ensureTrafficQueues(
  sqs: SQSClient,
  options: TrafficQueueOptions = {},
): Promise<TrafficQueues> {
  const settings = { ...PIPELINE_DEFAULTS, ...dropUndefined(options) };

  const deadLetterQueueUrl = await createQueue(
    sqs,
    settings.deadLetterQueueName,
    {
      MessageRetentionPeriod: String(settings.deadLetterRetentionSeconds),
      SqsManagedSseEnabled: 'true',
    },
  );
  const deadLetterQueueArn = await readQueueArn(sqs, deadLetterQueueUrl);

  const queueUrl = await createQueue(sqs, settings.queueName, {
    VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
    MessageRetentionPeriod: String(settings.messageRetentionSeconds),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveWaitTimeSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: deadLetterQueueArn,
      maxReceiveCount: settings.maxReceiveCount,
    }),
    SqsManagedSseEnabled: 'true',
  });
  const queueArn = await readQueueArn(sqs, queueUrl);
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: deadLetterQueueUrl,
      Attributes: {
        RedriveAllowPolicy: JSON.stringify({
          redrivePermission: 'byQueue',
          sourceQueueArns: [queueArn],
        }),
      },
    }),
  );

  return { queueUrl, queueArn, deadLetterQueueUrl, deadLetterQueueArn };
}

/** Reads a queue's ARN from its attributes. */
export async function readQueueArn(
  sqs: SQSClient,
  queueUrl: string,
): Promise<string> {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['QueueArn'],
    }),
  );
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`queue has no ARN: ${queueUrl}`);

  return arn;
}

async function createQueue(
  sqs: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<string> {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: name, Attributes: attributes }),
  );
  if (QueueUrl === undefined) throw new Error(`queue not created: ${name}`);

  return QueueUrl;
}

function dropUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
