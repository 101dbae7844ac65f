import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Logger } from '../logger.ts';
import type { WorkerSettings } from './worker-options.ts';

/**
 * Warns when the queue's visibility timeout is shorter than the batching
 * window plus the function's timeout: a record could then reappear while its
 * batch is still gathered or running, be received again and near the DLQ
 * without having been handled. The warning says what to change.
 *
 * Lambda refuses a mapping whose function timeout exceeds the visibility
 * timeout; local runs may want one, so this only warns. Never throws.
 */
export async function warnOnShortVisibility(
  sqs: SQSClient,
  queueUrl: string,
  settings: WorkerSettings,
  logger: Pick<Logger, 'warn'>,
): Promise<void> {
  let visibility: number;
  try {
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['VisibilityTimeout'],
      }),
    );
    visibility = Number(Attributes?.VisibilityTimeout);
  } catch {
    // The first receive reports an unreachable queue.
    return;
  }

  const fit = fitWorkerToVisibility(visibility, settings);
  if (fit.fits) return;

  logger.warn('visibility timeout shorter than invocation', {
    queueUrl,
    visibilityTimeoutSeconds: visibility,
    timeoutSeconds: settings.timeoutSeconds,
    batchingWindowSeconds: settings.batchingWindowSeconds,
    fix: describeFix(fit),
  });
}

/** Worker settings that fit a visibility timeout, or why none do. */
export type VisibilityFit =
  | { fits: true }
  | {
      fits: false;
      /** The least visibility timeout the current settings need. */
      neededVisibilityTimeoutSeconds: number;
      /** Settings that fit instead; absent when none can. */
      worker?: { batchingWindowSeconds: number; timeoutSeconds: number };
    };

/**
 * Checks whether a worker's batches fit in the queue's visibility timeout:
 * a record is held for up to the batching window plus the function's
 * timeout. When they do not, proposes the smallest batching window the
 * batch size allows and a function timeout filling the rest.
 */
export function fitWorkerToVisibility(
  visibilityTimeoutSeconds: number,
  settings: Pick<
    WorkerSettings,
    'batchSize' | 'batchingWindowSeconds' | 'timeoutSeconds'
  >,
): VisibilityFit {
  const needed = settings.timeoutSeconds + settings.batchingWindowSeconds;
  if (!(visibilityTimeoutSeconds < needed)) return { fits: true };

  const window = settings.batchSize > 10 ? 1 : 0;
  const timeout = visibilityTimeoutSeconds - window;
  if (!(timeout >= 1))
    return { fits: false, neededVisibilityTimeoutSeconds: needed };

  return {
    fits: false,
    neededVisibilityTimeoutSeconds: needed,
    worker: { batchingWindowSeconds: window, timeoutSeconds: timeout },
  };
}

function describeFix(fit: Extract<VisibilityFit, { fits: false }>): string {
  const needed = fit.neededVisibilityTimeoutSeconds;
  const raise =
    `give the queue a visibility timeout of at least ${needed} s ` +
    `(traffic emulator --visibility-timeout ${needed})`;
  if (fit.worker === undefined) return raise;

  const { batchingWindowSeconds, timeoutSeconds } = fit.worker;
  return (
    `run the worker with --batching-window ${batchingWindowSeconds} ` +
    `--timeout ${timeoutSeconds}, or ${raise}`
  );
}
