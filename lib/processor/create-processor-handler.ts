import middy from '@middy/core';
import sqsPartialBatchFailure from '@middy/sqs-partial-batch-failure';
import type {
  Context,
  SQSBatchResponse,
  SQSEvent,
  SQSRecord,
} from 'aws-lambda';
import type { Logger } from '../logger.ts';
import type { VisitStore } from '../storage/visit-store.port.ts';
import type { IpStorageMode } from '../visit/truncate-ip-address.ts';
import { createVisitSchema } from '../visit/visit.schema.ts';
import { processVisitBatch } from './process-visit-batch.ts';

export type ProcessorHandler = (
  event: SQSEvent,
  context: Context,
) => Promise<SQSBatchResponse>;

/** What the processor needs from its deployment's configuration. */
export interface ProcessorConfiguration {
  store: VisitStore;
  ipStorage: IpStorageMode;
}

export interface ProcessorOptions {
  logger: Logger;
  /** Called once per invocation, before any record is read; may throw. */
  configure: () => ProcessorConfiguration;
  now?: () => number;
}

/**
 * Builds the SQS handler: middy with partial batch failure around
 * {@link processVisitBatch}.
 *
 * An error that stops the whole invocation, such as a bad storage setting,
 * is raised before anything is written, logged once per record, and turns
 * into a failure of every record, so the batch comes back whole.
 */
export function createProcessorHandler({
  logger,
  configure,
  now = Date.now,
}: ProcessorOptions): ProcessorHandler {
  const schema = createVisitSchema(now);

  return middy<SQSEvent>()
    .use(
      sqsPartialBatchFailure({
        // Each failed record was already logged with its field and reason.
        logger: () => {},
      }),
    )
    .use(logInvocationFailure(logger))
    .handler((event) =>
      processVisitBatch(readRecords(event), { ...configure(), schema, logger }),
    ) as unknown as ProcessorHandler;
}

function readRecords(event: SQSEvent) {
  return Array.isArray(event?.Records) ? event.Records : [];
}

function logInvocationFailure(logger: Logger): middy.MiddlewareObj<SQSEvent> {
  const logInvocationFailureOnError = (request: middy.Request<SQSEvent>) => {
    const records = readRecords(request.event);
    logger.error('invocation failed', {
      records: records.length,
      error: request.error,
    });
    for (const record of records) {
      // Lambda never sends a record that is not an object; a hand-made event
      // may, and logging must not turn that into a second error.
      logger.warn('record failed', {
        messageId: (record as Partial<SQSRecord> | null)?.messageId,
        reason: 'invocation_failed',
      });
    }
  };

  return { onError: logInvocationFailureOnError };
}
