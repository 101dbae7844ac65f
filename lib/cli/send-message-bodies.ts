import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The most entries SQS takes in one `SendMessageBatch`. */
const ENTRIES_PER_REQUEST = 10;

/** What became of raw bodies sent to a queue, by their index. */
export interface SentBodies {
  /** The message id of each body SQS took, at the body's index. */
  messageIds: (string | undefined)[];
  /** The bodies SQS refused, by index, with its error code. */
  failed: { index: number; code: string }[];
}

/**
 * Sends message bodies as they are, without the agent's checks, ten per
 * `SendMessageBatch`, with up to `concurrency` requests in flight. Used to
 * put invalid messages on a queue and to load it for tests and benchmarks.
 */
export async function sendMessageBodies(
  sqs: SQSClient,
  queueUrl: string,
  bodies: readonly string[],
  { concurrency = 1 }: { concurrency?: number } = {},
): Promise<SentBodies> {
  const result: SentBodies = {
    messageIds: Array.from({ length: bodies.length }, () => undefined),
    failed: [],
  };
  let next = 0;

  const sendChunks = async () => {
    while (next < bodies.length) {
      const first = next;
      next += ENTRIES_PER_REQUEST;
      const { Successful = [], Failed = [] } = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: bodies
            .slice(first, first + ENTRIES_PER_REQUEST)
            .map((body, index) => ({ Id: String(index), MessageBody: body })),
        }),
      );
      for (const entry of Successful) {
        result.messageIds[first + Number(entry.Id)] = entry.MessageId;
      }
      for (const entry of Failed) {
        result.failed.push({
          index: first + Number(entry.Id),
          code: entry.Code ?? 'Unknown',
        });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sendChunks));

  return result;
}
