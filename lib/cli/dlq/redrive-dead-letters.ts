import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import {
  deleteMessages,
  type EntryFailure,
  releaseMessages,
} from '../../worker/sqs-batch-actions.ts';

/** How dead letters are moved back. */
export const REDRIVE_METHODS = ['auto', 'move-task', 'copy'] as const;

export type RedriveMethod = (typeof REDRIVE_METHODS)[number];

export interface RedriveTarget {
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
  queueUrl: string;
  queueArn: string;
}

/** What a redrive moved, and how. */
export type RedriveResult =
  | { method: 'move-task'; taskHandle: string; status: string; moved: number }
  | { method: 'copy'; moved: number; failed: EntryFailure[] };

// Errors of an SQS that does not implement message move tasks.
const UNSUPPORTED = new Set([
  'InvalidAction',
  'UnsupportedOperation',
  'UnknownOperationException',
  'NotImplemented',
]);

const FINISHED_TASK = new Set(['COMPLETED', 'CANCELLED', 'FAILED']);
const TASK_POLL_MS = 1000;
const COPY_HOLD_SECONDS = 30;

/**
 * Moves the messages of the DLQ back to the traffic queue.
 *
 * `move-task` asks SQS to do it (`StartMessageMoveTask`) and waits for the
 * task to finish. `copy` receives, sends to the traffic queue and deletes
 * from the DLQ, ten at a time; a message is deleted only once its send
 * succeeded, and at most as many messages as the DLQ held at the start are
 * moved, so messages failing again cannot keep it going. `auto` tries a
 * move task and copies when the endpoint has none, as emulators may not.
 */
export async function redriveDeadLetters(
  sqs: SQSClient,
  target: RedriveTarget,
  method: RedriveMethod = 'auto',
): Promise<RedriveResult> {
  if (method === 'copy') return copyDeadLetters(sqs, target);

  try {
    return await runMoveTask(sqs, target);
  } catch (error) {
    const unsupported = error instanceof Error && UNSUPPORTED.has(error.name);
    if (method === 'auto' && unsupported) return copyDeadLetters(sqs, target);

    throw error;
  }
}

async function runMoveTask(
  sqs: SQSClient,
  target: RedriveTarget,
): Promise<RedriveResult> {
  const { TaskHandle } = await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: target.deadLetterQueueArn,
      DestinationArn: target.queueArn,
    }),
  );
  const taskHandle = TaskHandle ?? '';

  for (;;) {
    const { Results = [] } = await sqs.send(
      new ListMessageMoveTasksCommand({ SourceArn: target.deadLetterQueueArn }),
    );
    const task = Results.find((result) => result.TaskHandle === taskHandle);
    const status = task?.Status ?? 'UNKNOWN';
    if (task === undefined || FINISHED_TASK.has(status)) {
      return {
        method: 'move-task',
        taskHandle,
        status,
        moved: task?.ApproximateNumberOfMessagesMoved ?? 0,
      };
    }
    await sleep(TASK_POLL_MS);
  }
}

async function copyDeadLetters(
  sqs: SQSClient,
  target: RedriveTarget,
): Promise<RedriveResult> {
  const budget = await countVisible(sqs, target.deadLetterQueueUrl);
  let moved = 0;
  const failed: EntryFailure[] = [];

  while (moved + failed.length < budget) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: target.deadLetterQueueUrl,
        MaxNumberOfMessages: Math.min(10, budget - moved - failed.length),
        VisibilityTimeout: COPY_HOLD_SECONDS,
        WaitTimeSeconds: 1,
        MessageAttributeNames: ['All'],
      }),
    );
    const batch = Messages.filter(
      (
        message,
      ): message is Message & { MessageId: string; ReceiptHandle: string } =>
        message.MessageId !== undefined && message.ReceiptHandle !== undefined,
    );
    if (batch.length === 0) break;

    const sent = await sendCopies(sqs, target.queueUrl, batch);
    const held = batch.map((message) => ({
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
    }));
    const deleted = await deleteMessages(
      sqs,
      target.deadLetterQueueUrl,
      held.filter((message) => sent.has(message.messageId)),
    );
    await releaseMessages(
      sqs,
      target.deadLetterQueueUrl,
      held.filter((message) => !sent.has(message.messageId)),
    );

    moved += deleted.done.length;
    failed.push(...deleted.failed);
    for (const message of held) {
      if (!sent.has(message.messageId)) {
        failed.push({ messageId: message.messageId, code: 'SendFailed' });
      }
    }
  }

  return { method: 'copy', moved, failed };
}

// Returns the ids of the DLQ messages whose copy SQS accepted.
async function sendCopies(
  sqs: SQSClient,
  queueUrl: string,
  batch: readonly (Message & { MessageId: string })[],
): Promise<Set<string>> {
  const sent = new Set<string>();
  try {
    const { Successful = [] } = await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: batch.map((message, index) => ({
          Id: String(index),
          MessageBody: message.Body ?? '',
          MessageAttributes: copyAttributes(message.MessageAttributes),
        })),
      }),
    );
    for (const { Id } of Successful) {
      const message = batch[Number(Id)];
      if (message !== undefined) sent.add(message.MessageId);
    }
  } catch {
    // Nothing was confirmed sent, so nothing is deleted.
  }

  return sent;
}

function copyAttributes(
  attributes: Record<string, MessageAttributeValue> | undefined,
): Record<string, MessageAttributeValue> | undefined {
  if (attributes === undefined) return undefined;

  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      {
        DataType: value.DataType,
        ...(value.StringValue === undefined
          ? {}
          : { StringValue: value.StringValue }),
        ...(value.BinaryValue === undefined
          ? {}
          : { BinaryValue: value.BinaryValue }),
      },
    ]),
  );
}

async function countVisible(sqs: SQSClient, queueUrl: string) {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );

  return Number(Attributes?.ApproximateNumberOfMessages ?? 0);
}
