import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSRecord } from 'aws-lambda';
import { createLambdaContext } from './lambda-context.ts';
import { type BatchVerdict, readBatchResponse } from './read-batch-response.ts';
import type { WorkerOptions, WorkerSettings } from './worker-options.ts';

/** The invocation took longer than the function's timeout. */
class InvocationTimeoutError extends Error {
  override name = 'InvocationTimeoutError';
}

/** A verdict, with the error when the handler threw or timed out. */
export type HandlerOutcome = BatchVerdict & { error?: unknown };

/**
 * Invokes the handler once with a Lambda event and context, and reads the
 * answer as Lambda does. A throw, a rejection or an answer later than the
 * function's timeout fails the whole batch; the handler is not stopped.
 */
export async function invokeHandler(
  records: readonly SQSRecord[],
  options: WorkerOptions,
  settings: WorkerSettings,
): Promise<HandlerOutcome> {
  const timeoutMs = settings.timeoutSeconds * 1000;
  const context = createLambdaContext({
    functionName: settings.functionName,
    region: options.region,
    accountId: options.queueArn.split(':')[4] || '000000000000',
    timeoutMs,
  });
  const timer = new AbortController();

  try {
    const response = await Promise.race([
      Promise.resolve().then(() =>
        options.handler({ Records: [...records] }, context),
      ),
      sleep(timeoutMs, undefined, { signal: timer.signal }).then(() => {
        throw new InvocationTimeoutError('invocation timed out');
      }),
    ]);
    return readBatchResponse(
      response,
      new Set(records.map((record) => record.messageId)),
    );
  } catch (error) {
    const reason =
      error instanceof InvocationTimeoutError ? 'timed_out' : 'handler_threw';
    return { kind: 'all_failed', reason, error };
  } finally {
    timer.abort();
  }
}
