import type { ReceivedMessage } from './to-lambda-record.ts';

/** A batch being gathered: one message per message id, in receive order. */
export type GatheredBatch = Map<string, ReceivedMessage>;

/**
 * Adds received messages to a batch being gathered, keeping one per id.
 *
 * A message comes back while its batch is still gathered when the batching
 * window outlasts the queue's visibility timeout. The newer receive replaces
 * the older one: only its receipt handle deletes the message, and its
 * `ApproximateReceiveCount` is current. The message keeps its place.
 *
 * @returns the older receives that were replaced
 */
export function addToBatch(
  batch: GatheredBatch,
  received: readonly ReceivedMessage[],
): ReceivedMessage[] {
  const superseded: ReceivedMessage[] = [];
  for (const message of received) {
    const older = batch.get(message.MessageId);
    if (older !== undefined) superseded.push(older);
    batch.set(message.MessageId, message);
  }

  return superseded;
}
