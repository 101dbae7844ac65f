import { setTimeout as sleep } from 'node:timers/promises';
import {
  type BatchResultErrorEntry,
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The most entries SQS takes in one batch request. */
export const SQS_BATCH_LIMIT = 10;

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 100;

/** A received message, by the two handles batch actions need. */
export interface HeldMessage {
  messageId: string;
  receiptHandle: string;
}

/** An entry SQS did not apply, with its error code. */
export interface EntryFailure {
  messageId: string;
  code: string;
}

/** Which entries a batch action applied and which it did not. */
export interface BatchActionResult {
  done: string[];
  failed: EntryFailure[];
}

type ChunkAnswer = {
  Successful?: { Id?: string }[];
  Failed?: BatchResultErrorEntry[];
};

/**
 * Deletes messages, ten per `DeleteMessageBatch`, checking each entry.
 *
 * Entries that fail on the server side, and whole requests that throw, are
 * retried twice; what still fails is returned, never thrown.
 */
export function deleteMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly HeldMessage[],
): Promise<BatchActionResult> {
  return applyInChunks(messages, (entries) =>
    sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
    ),
  );
}

/** Makes messages visible again at once, so another receive can take them. */
export function releaseMessages(
  sqs: SQSClient,
  queueUrl: string,
  messages: readonly HeldMessage[],
): Promise<BatchActionResult> {
  return applyInChunks(messages, (entries) =>
    sqs.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: queueUrl,
        Entries: entries.map((entry) => ({ ...entry, VisibilityTimeout: 0 })),
      }),
    ),
  );
}

async function applyInChunks(
  messages: readonly HeldMessage[],
  act: (
    entries: { Id: string; ReceiptHandle: string }[],
  ) => Promise<ChunkAnswer>,
): Promise<BatchActionResult> {
  const result: BatchActionResult = { done: [], failed: [] };
  for (let start = 0; start < messages.length; start += SQS_BATCH_LIMIT) {
    const chunk = messages.slice(start, start + SQS_BATCH_LIMIT);
    const outcome = await applyChunk(chunk, act);
    result.done.push(...outcome.done);
    result.failed.push(...outcome.failed);
  }

  return result;
}

async function applyChunk(
  chunk: readonly HeldMessage[],
  act: (
    entries: { Id: string; ReceiptHandle: string }[],
  ) => Promise<ChunkAnswer>,
): Promise<BatchActionResult> {
  const done: string[] = [];
  const lasting: EntryFailure[] = [];
  let pending = chunk.map((message, index) => ({ id: String(index), message }));
  let retrying: EntryFailure[] = [];

  for (let attempt = 1; attempt <= ATTEMPTS && pending.length > 0; attempt++) {
    if (attempt > 1) await sleep(RETRY_DELAY_MS * attempt);

    let answer: ChunkAnswer;
    try {
      answer = await act(
        pending.map(({ id, message }) => ({
          Id: id,
          ReceiptHandle: message.receiptHandle,
        })),
      );
    } catch (error) {
      retrying = pending.map(({ message }) =>
        toFailure(message, readErrorCode(error)),
      );
      continue;
    }

    const failedById = new Map((answer.Failed ?? []).map((f) => [f.Id, f]));
    const succeeded = new Set((answer.Successful ?? []).map((s) => s.Id));
    const retry: typeof pending = [];
    retrying = [];
    for (const entry of pending) {
      const failed = failedById.get(entry.id);
      if (failed === undefined && succeeded.has(entry.id)) {
        done.push(entry.message.messageId);
      } else if (failed?.SenderFault === true) {
        // A sender fault, such as an expired receipt handle, will not heal.
        lasting.push(toFailure(entry.message, failed.Code ?? 'Unknown'));
      } else {
        retry.push(entry);
        retrying.push(toFailure(entry.message, failed?.Code ?? 'NotAnswered'));
      }
    }
    pending = retry;
  }

  return { done, failed: [...lasting, ...retrying] };
}

function toFailure(message: HeldMessage, code: string): EntryFailure {
  return { messageId: message.messageId, code };
}

function readErrorCode(error: unknown): string {
  return error instanceof Error ? error.name : 'Unknown';
}
