import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { VisitMessage } from '../visit/visit.schema.ts';
import { InvalidVisitError, VisitEnqueueError } from './agent-errors.ts';
import {
  resolveVisitSchema,
  serializeVisitMessage,
} from './serialize-visit-message.ts';

export interface SendVisitOptions {
  /** The clock `created_at` is checked against; the system clock if unset. */
  now?: () => number;
}

/**
 * Sends one visit to the traffic queue and returns its SQS message id.
 *
 * The body is checked with the processor's parser first: an invalid one
 * throws {@link InvalidVisitError} and is not sent. A queue failure throws
 * {@link VisitEnqueueError} with the SDK's error as `cause`.
 */
export async function sendVisit(
  client: SQSClient,
  queueUrl: string,
  message: VisitMessage,
  options: SendVisitOptions = {},
): Promise<string> {
  const serialized = serializeVisitMessage(
    message,
    resolveVisitSchema(options.now),
  );
  if (!serialized.success) {
    const { field, reason } = serialized.rejection;
    throw new InvalidVisitError(field, reason);
  }

  let messageId: string | undefined;
  try {
    const output = await client.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: serialized.body,
      }),
    );
    messageId = output.MessageId;
  } catch (error) {
    throw new VisitEnqueueError({ cause: error });
  }
  if (messageId === undefined) {
    throw new VisitEnqueueError({ cause: new Error('no message id returned') });
  }

  return messageId;
}
