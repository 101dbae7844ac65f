import { CassandraVisitStore } from '../adapters/cassandra/cassandra-visit-store.ts';
import { MysqlVisitStore } from '../adapters/mysql/mysql-visit-store.ts';
import type { StatementLog, VisitStore } from './visit-store.port.ts';

/** The storage engines a deployment can choose with `STORAGE_ADAPTER`. */
export const STORAGE_ADAPTERS = {
  mysql: (log: StatementLog) => new MysqlVisitStore(log),
  cassandra: (log: StatementLog) => new CassandraVisitStore(log),
} as const satisfies Record<string, (log: StatementLog) => VisitStore>;

export type StorageAdapterName = keyof typeof STORAGE_ADAPTERS;

/** A configuration value that names no known storage adapter. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  readonly setting: string;
  readonly value: string | undefined;

  constructor(setting: string, value: string | undefined, allowed: string[]) {
    super(`${setting} must be one of: ${allowed.join(', ')}`);
    this.setting = setting;
    this.value = value;
  }
}

/**
 * Builds the store named by `STORAGE_ADAPTER`; throws
 * {@link ConfigurationError} for a missing or unknown name.
 */
export function createVisitStore(
  env: NodeJS.ProcessEnv,
  log: StatementLog,
): VisitStore {
  const name = env.STORAGE_ADAPTER;
  if (name === undefined || !Object.hasOwn(STORAGE_ADAPTERS, name)) {
    throw new ConfigurationError(
      'STORAGE_ADAPTER',
      name,
      Object.keys(STORAGE_ADAPTERS),
    );
  }

  return STORAGE_ADAPTERS[name as StorageAdapterName](log);
}
