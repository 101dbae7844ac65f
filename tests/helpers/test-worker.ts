import type { SQSClient } from '@aws-sdk/client-sqs';
import type { TrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import { createLogger } from '../../lib/logger.ts';
import { startWorker, type Worker } from '../../lib/worker/start-worker.ts';
import type {
  SqsHandler,
  WorkerOptions,
} from '../../lib/worker/worker-options.ts';
import { countMessages, waitFor } from './test-queues.ts';

/**
 * Starts a worker on test queues: silent, one-second polls so it stops
 * quickly, and no batching window, so records sent before it starts come
 * in one receive. `options` overrides any of these.
 */
export function startTestWorker(
  sqs: SQSClient,
  queues: TrafficQueues,
  handler: SqsHandler,
  options: Partial<WorkerOptions> = {},
): Worker {
  return startWorker({
    sqs,
    queueUrl: queues.queueUrl,
    queueArn: queues.queueArn,
    region: 'us-east-1',
    handler,
    logger: createLogger({ service: 'worker', level: 'silent' }),
    waitTimeSeconds: 1,
    batchingWindowSeconds: 0,
    ...options,
  });
}

/** Whether a queue holds no message: none visible, in flight or delayed. */
export async function isQueueEmpty(
  sqs: SQSClient,
  queueUrl: string,
): Promise<boolean> {
  const counts = await countMessages(sqs, queueUrl);
  return counts.visible + counts.inFlight + counts.delayed === 0;
}

/** Waits until a dead-letter queue shows `count` messages. */
export function waitForDeadLetters(
  sqs: SQSClient,
  deadLetterQueueUrl: string,
  count: number,
  timeoutMs = 25_000,
): Promise<void> {
  return waitFor(
    async () =>
      (await countMessages(sqs, deadLetterQueueUrl)).visible === count,
    { timeoutMs },
  );
}
