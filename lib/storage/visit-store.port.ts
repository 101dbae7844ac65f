import type { Visit, VisitType } from '../visit/visit.schema.ts';

/** A visit with the identity SQS gave its message: the idempotency key. */
export type StoredVisit = Visit & { messageId: string };

/**
 * Where visits are kept. One call writes one batch to one table.
 *
 * Writes must be idempotent upserts keyed by `messageId`: SQS delivers at
 * least once, and a failed write's records come back and are written again.
 * A failed write throws; the caller fails exactly the records it carried.
 */
export interface VisitStore {
  saveVisits(type: VisitType, visits: readonly StoredVisit[]): Promise<void>;
}

/** The narrow logger an echo adapter writes its statements to. */
export interface StatementLog {
  info(message: string, fields: Record<string, unknown>): void;
}
