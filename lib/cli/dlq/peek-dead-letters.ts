import { ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { releaseMessages } from '../../worker/sqs-batch-actions.ts';

/** A dead letter as `dlq peek` shows it. */
export type DeadLetter = {
  messageId: string;
  body: string;
  /** How often SQS has handed the message out, in both queues. */
  receiveCount: number;
  sentAt: string | undefined;
};

// Long enough to gather a page without seeing a message twice.
const PEEK_HOLD_SECONDS = 30;

/**
 * Reads up to `max` messages from a queue without consuming them: each is
 * received, then made visible again at once, whether or not reading the
 * rest succeeded.
 */
export async function peekDeadLetters(
  sqs: SQSClient,
  queueUrl: string,
  max: number,
): Promise<DeadLetter[]> {
  const letters: DeadLetter[] = [];
  const held: { messageId: string; receiptHandle: string }[] = [];

  try {
    while (letters.length < max) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, max - letters.length),
          VisibilityTimeout: PEEK_HOLD_SECONDS,
          WaitTimeSeconds: 1,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) break;

      for (const message of Messages) {
        if (message.MessageId === undefined) continue;
        if (message.ReceiptHandle === undefined) continue;

        held.push({
          messageId: message.MessageId,
          receiptHandle: message.ReceiptHandle,
        });
        const sent = message.Attributes?.SentTimestamp;
        letters.push({
          messageId: message.MessageId,
          body: message.Body ?? '',
          receiveCount: Number(message.Attributes?.ApproximateReceiveCount),
          sentAt:
            sent === undefined
              ? undefined
              : new Date(Number(sent)).toISOString(),
        });
      }
    }
  } finally {
    await releaseMessages(sqs, queueUrl, held);
  }

  return letters;
}
