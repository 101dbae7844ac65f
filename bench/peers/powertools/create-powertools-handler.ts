import {
  BatchProcessor,
  EventType,
  processPartialResponse,
} from '@aws-lambda-powertools/batch';
import { parse } from '@aws-lambda-powertools/parser';
import type { SQSRecord } from 'aws-lambda';
import { truncateIpAddress } from '../../../lib/visit/truncate-ip-address.ts';
import type { Visit } from '../../../lib/visit/visit.schema.ts';
import type { PeerHandler, PeerOptions } from '../peer-handler.ts';
import { createVisitRecordSchema } from './visit-record.schema.ts';

/**
 * Builds the handler most teams would write with Powertools: a
 * `BatchProcessor` running one async record handler per record, each record
 * parsed against a zod schema and written on its own.
 *
 * A full batch failure is returned as failures, not thrown, to keep the
 * processor's contract.
 */
export function createPowertoolsHandler({
  logger,
  configure,
  now = Date.now,
}: PeerOptions): PeerHandler {
  const schema = createVisitRecordSchema(now);
  const processor = new BatchProcessor(EventType.SQS);

  return async (event, context) => {
    const { store, ipStorage } = configure();
    const recordHandler = async (record: SQSRecord) => {
      const result = parse(record, undefined, schema, true);
      if (!result.success) {
        const issue = (result.error.cause as IssueList)[0];
        logger.warn('record rejected', {
          messageId: record.messageId,
          field: issue?.path?.[1] ?? 'body',
          reason: issue?.message,
        });
        throw result.error;
      }

      const { messageId, body } = result.data;
      const visit: Visit = { type: body.type, createdAt: body.created_at };
      if (body.ip !== undefined) {
        visit.ip =
          ipStorage === 'truncated' ? truncateIpAddress(body.ip) : body.ip;
      }
      if (body.url !== undefined) {
        visit.url = body.url.url;
        visit.host = body.url.host;
      }
      await store.saveVisits(body.type, [{ ...visit, messageId }]);
    };

    const response = await processPartialResponse(
      event,
      recordHandler,
      processor,
      { context, throwOnFullBatchFailure: false },
    );
    logger.info('batch processed', {
      received: event.Records.length,
      rejected: response.batchItemFailures.length,
    });
    return response;
  };
}

type IssueList = { path?: PropertyKey[]; message: string }[];
