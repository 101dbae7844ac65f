import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../logger.ts';
import type { WorkerSettings } from './worker-options.ts';

/**
 * Warns when the queue's visibility timeout is shorter than the function's
 * timeout plus the batching window: a record could then reappear, and be
 * handled again, while its batch is still gathered or running.
 *
 * Lambda refuses such a mapping outright; local runs may want one, so this
 * only warns. Never throws.
 */
export async function warnOnShortVisibility(
  sqs: SQSClient,
  queueUrl: string,
  settings: WorkerSettings,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['VisibilityTimeout'],
      }),
    );
    const visibility = Number(Attributes?.VisibilityTimeout);
    const needed = settings.timeoutSeconds + settings.batchingWindowSeconds;
    if (visibility < needed) {
      logger.warn('visibility timeout shorter than invocation', {
        queueUrl,
        visibilityTimeoutSeconds: visibility,
        timeoutSeconds: settings.timeoutSeconds,
        batchingWindowSeconds: settings.batchingWindowSeconds,
      });
    }
  } catch {
    // The first receive reports an unreachable queue.
  }
}
