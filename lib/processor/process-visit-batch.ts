import type { Logger } from '../logger.ts';
import type { StoredVisit, VisitStore } from '../storage/visit-store.port.ts';
import { parseVisitBody } from '../visit/parse-visit-body.ts';
import {
  type IpStorageMode,
  truncateIpAddress,
} from '../visit/truncate-ip-address.ts';
import type { VisitSchema, VisitType } from '../visit/visit.schema.ts';

/** The part of an SQS record the processor reads. */
export type VisitRecord = { messageId: string; body: unknown };

/** The outcome of one record, at the record's index in the batch. */
export type RecordOutcome = PromiseSettledResult<void>;

export interface BatchDependencies {
  store: VisitStore;
  schema: VisitSchema;
  logger: Logger;
  /** Whether client addresses are stored whole or truncated. */
  ipStorage: IpStorageMode;
}

/**
 * Why a record is not a valid visit; it goes back to the queue. A plain value
 * rather than an Error: an invalid record is expected, and capturing a stack
 * for each one was a tenth of the per-record cost.
 */
export type RecordRejection = { field: string; reason: string };

/** A batch larger than any event source mapping delivers; refused whole. */
export class BatchTooLargeError extends Error {
  override name = 'BatchTooLargeError';
  readonly records: number;

  constructor(records: number) {
    super('batch too large');
    this.records = records;
  }
}

/** Lambda's largest SQS batch: more records than this is not a real event. */
export const MAX_BATCH_RECORDS = 10_000;

const STORED: RecordOutcome = { status: 'fulfilled', value: undefined };

type TableWrite = { indexes: number[]; visits: StoredVisit[] };

/**
 * Validates a batch, writes its valid visits and returns one outcome per
 * record, in the order of `records`.
 *
 * Visits are grouped by type into one write per table. An invalid record, or
 * a record whose write failed, is rejected alone, with one warning line that
 * names it; the rest of the batch is unaffected. One summary line follows.
 * A batch of more than {@link MAX_BATCH_RECORDS} is refused before any
 * record is read: every record fails and goes back to the queue.
 */
export async function processVisitBatch(
  records: readonly VisitRecord[],
  { store, schema, logger, ipStorage }: BatchDependencies,
): Promise<RecordOutcome[]> {
  if (records.length > MAX_BATCH_RECORDS) {
    return refuseBatch(records, logger);
  }

  const outcomes = new Array<RecordOutcome>(records.length);
  const writes = new Map<VisitType, TableWrite>();

  records.forEach((record, index) => {
    const parsed = parseVisitBody(record.body, schema);
    if (!parsed.success) {
      const { field, reason } = parsed.rejection;
      logger.warn('record rejected', {
        messageId: record.messageId,
        field,
        reason,
      });
      outcomes[index] = rejected({ field, reason } satisfies RecordRejection);
      return;
    }

    const { visit } = parsed;
    if (visit.ip !== undefined && ipStorage === 'truncated') {
      visit.ip = truncateIpAddress(visit.ip);
    }
    const write = writes.get(visit.type) ?? { indexes: [], visits: [] };
    write.indexes.push(index);
    write.visits.push({ ...visit, messageId: record.messageId });
    writes.set(visit.type, write);
  });

  const stored = { direct: 0, referrer: 0 };
  let failed = 0;
  await Promise.all(
    [...writes].map(async ([type, { indexes, visits }]) => {
      try {
        await store.saveVisits(type, visits);
        for (const index of indexes) outcomes[index] = STORED;
        stored[type] = visits.length;
      } catch (error) {
        failed += visits.length;
        logger.error('write failed', { type, records: visits.length, error });
        for (const index of indexes) {
          logger.warn('record failed', {
            messageId: records[index]?.messageId,
            reason: 'write_failed',
          });
          outcomes[index] = rejected(error);
        }
      }
    }),
  );

  logger.info('batch processed', {
    received: records.length,
    stored,
    rejected: records.length - stored.direct - stored.referrer - failed,
    failed,
  });
  return outcomes;
}

function refuseBatch(
  records: readonly VisitRecord[],
  logger: Logger,
): RecordOutcome[] {
  const error = new BatchTooLargeError(records.length);
  logger.error('batch too large', {
    records: records.length,
    limit: MAX_BATCH_RECORDS,
  });
  for (const record of records) {
    logger.warn('record failed', {
      messageId: record.messageId,
      reason: 'batch_too_large',
    });
  }

  return records.map(() => rejected(error));
}

function rejected(reason: unknown): RecordOutcome {
  return { status: 'rejected', reason };
}
