import type {
  StatementLog,
  StoredVisit,
  VisitStore,
} from '../../storage/visit-store.port.ts';
import type { VisitType } from '../../visit/visit.schema.ts';
import { chunkRows } from '../statement-chunks.ts';

/** Table per visit type; `message_id` is the primary key. */
export const MYSQL_TABLES = {
  direct: 'traffic_direct_visits',
  referrer: 'traffic_referrer_visits',
} as const satisfies Record<VisitType, string>;

const COLUMNS = {
  direct: ['message_id', 'created_at', 'ip'],
  referrer: ['message_id', 'created_at', 'ip', 'url', 'url_host'],
} as const satisfies Record<VisitType, readonly string[]>;

/**
 * MySQL adapter that echoes the statement it would run instead of running it.
 *
 * Multi-row `INSERT ... ON DUPLICATE KEY UPDATE` statements of at most
 * `MAX_ROWS_PER_STATEMENT` rows, one echoed line each: a redelivered message
 * rewrites its own row. `created_at` is a `DATETIME(3)` in UTC.
 */
export class MysqlVisitStore implements VisitStore {
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
    const row = `(${columns.map(() => '?').join(', ')})`;
    const updates = columns
      .slice(1)
      .map((column) => `${column} = VALUES(${column})`)
      .join(', ');

    for (const chunk of chunkRows(visits)) {
      this.#log.info('mysql upsert', {
        table: MYSQL_TABLES[type],
        rows: chunk.length,
        sql:
          `INSERT INTO ${MYSQL_TABLES[type]} (${columns.join(', ')}) ` +
          `VALUES ${chunk.map(() => row).join(', ')} ` +
          `ON DUPLICATE KEY UPDATE ${updates}`,
        params: chunk.flatMap((visit) => toParams(type, visit)),
      });
    }
  }
}

function toParams(type: VisitType, visit: StoredVisit): (string | null)[] {
  const common = [
    visit.messageId,
    toDatetime(visit.createdAt),
    visit.ip ?? null,
  ];
  if (type === 'direct') return common;

  return [...common, visit.url ?? null, visit.host ?? null];
}

// MySQL DATETIME literals take neither the `T` nor the `Z` of ISO-8601.
function toDatetime(iso: string): string {
  return iso.replace('T', ' ').replace('Z', '');
}
