import type { SQSClient } from '@aws-sdk/client-sqs';
import type { QueueFlags } from '../cli-options.ts';
import {
  type ConnectionFlags,
  createSqsClient,
  resolveConnection,
  resolveQueueUrl,
} from '../sqs-connection.ts';

/** A client and the region it talks to, from a command's flags. */
export function connect(flags: ConnectionFlags): {
  sqs: SQSClient;
  region: string;
} {
  const connection = resolveConnection(flags);

  return { sqs: createSqsClient(connection), region: connection.region };
}

/** Resolves the traffic queue's URL from `--queue-url` or `--queue-name`. */
export function resolveTrafficQueueUrl(
  sqs: SQSClient,
  flags: Pick<QueueFlags, 'queueUrl' | 'queueName'>,
): Promise<string> {
  return resolveQueueUrl(sqs, flags);
}

/** Resolves the DLQ's URL from `--dlq-url` or `--dlq-name`. */
export function resolveDeadLetterQueueUrl(
  sqs: SQSClient,
  flags: Pick<QueueFlags, 'dlqUrl' | 'dlqName'>,
): Promise<string> {
  return resolveQueueUrl(sqs, {
    ...(flags.dlqUrl === undefined ? {} : { queueUrl: flags.dlqUrl }),
    queueName: flags.dlqName,
  });
}
