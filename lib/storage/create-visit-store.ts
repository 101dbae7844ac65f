import { CassandraVisitStore } from '../adapters/cassandra/cassandra-visit-store.ts';
import { MysqlVisitStore } from '../adapters/mysql/mysql-visit-store.ts';
import { readChoice } from '../configuration-error.ts';
import type { StatementLog, VisitStore } from './visit-store.port.ts';

/** The storage engines a deployment can choose with `STORAGE_ADAPTER`. */
export const STORAGE_ADAPTERS = {
  mysql: (log: StatementLog) => new MysqlVisitStore(log),
  cassandra: (log: StatementLog) => new CassandraVisitStore(log),
} as const satisfies Record<string, (log: StatementLog) => VisitStore>;

export type StorageAdapterName = keyof typeof STORAGE_ADAPTERS;

const NAMES = Object.keys(STORAGE_ADAPTERS) as StorageAdapterName[];

/**
 * Builds the store named by `STORAGE_ADAPTER`; throws a
 * `ConfigurationError` for a missing or unknown name.
 */
export function createVisitStore(
  env: NodeJS.ProcessEnv,
  log: StatementLog,
): VisitStore {
  return STORAGE_ADAPTERS[readChoice(env, 'STORAGE_ADAPTER', NAMES)](log);
}
