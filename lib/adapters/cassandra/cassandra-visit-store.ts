import type {
  StatementLog,
  StoredVisit,
  VisitStore,
} from '../../storage/visit-store.port.ts';
import type { VisitType } from '../../visit/visit.schema.ts';
import { chunkRows } from '../statement-chunks.ts';

/** Table per visit type, partitioned by UTC day and bucket. */
export const CASSANDRA_TABLES = {
  direct: 'traffic.direct_visits_by_day',
  referrer: 'traffic.referrer_visits_by_day',
} as const satisfies Record<VisitType, string>;

/** Partitions per day and table: spreads a burst over the cluster. */
export const BUCKETS_PER_DAY = 8;

const COLUMNS = {
  direct: ['day', 'bucket', 'created_at', 'message_id', 'ip'],
  referrer: [
    'day',
    'bucket',
    'created_at',
    'message_id',
    'ip',
    'url',
    'url_host',
  ],
} as const satisfies Record<VisitType, readonly string[]>;

/**
 * Cassandra adapter that echoes the CQL it would run instead of running it.
 *
 * Rows are keyed `((day, bucket), created_at, message_id)`: a day is read as
 * {@link BUCKETS_PER_DAY} partitions in time order. An `INSERT` is an upsert
 * in Cassandra, and the key is derived from the message alone, so a
 * redelivered message rewrites its own row. The prepared statement runs once
 * per row; a multi-partition batch would only load the coordinator. One line
 * echoes the statement with the rows of up to `MAX_ROWS_PER_STATEMENT` runs.
 */
export class CassandraVisitStore implements VisitStore {
  readonly #log: StatementLog;

  constructor(log: StatementLog) {
    this.#log = log;
  }

  async saveVisits(
    type: VisitType,
    visits: readonly StoredVisit[],
  ): Promise<void> {
    if (visits.length === 0) return;

    const columns = COLUMNS[type];
    const cql =
      `INSERT INTO ${CASSANDRA_TABLES[type]} (${columns.join(', ')}) ` +
      `VALUES (${columns.map(() => '?').join(', ')})`;

    for (const chunk of chunkRows(visits)) {
      this.#log.info('cassandra insert', {
        table: CASSANDRA_TABLES[type],
        rows: chunk.length,
        cql,
        params: chunk.map((visit) => toParams(type, visit)),
      });
    }
  }
}

function toParams(
  type: VisitType,
  visit: StoredVisit,
): (string | number | null)[] {
  const common = [
    visit.createdAt.slice(0, 10),
    bucketOf(visit.messageId),
    visit.createdAt,
    visit.messageId,
    visit.ip ?? null,
  ];
  if (type === 'direct') return common;

  return [...common, visit.url ?? null, visit.host ?? null];
}

/** FNV-1a of the message id, folded into the day's buckets. */
export function bucketOf(messageId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < messageId.length; i++) {
    hash = Math.imul(hash ^ messageId.charCodeAt(i), 0x01000193);
  }

  return (hash >>> 0) % BUCKETS_PER_DAY;
}
