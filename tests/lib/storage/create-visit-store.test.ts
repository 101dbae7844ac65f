import { describe, expect, it } from '@jest/globals';
import { CassandraVisitStore } from '../../../lib/adapters/cassandra/cassandra-visit-store.ts';
import { MysqlVisitStore } from '../../../lib/adapters/mysql/mysql-visit-store.ts';
import { ConfigurationError } from '../../../lib/configuration-error.ts';
import { createVisitStore } from '../../../lib/storage/create-visit-store.ts';
import { captureLogger } from '../../fixtures/capture-logger.ts';

describe('createVisitStore', () => {
  it.each([
    ['mysql', MysqlVisitStore],
    ['cassandra', CassandraVisitStore],
  ])('builds the %s adapter from STORAGE_ADAPTER', (name, adapter) => {
    // Act
    const store = createVisitStore(
      { STORAGE_ADAPTER: name },
      captureLogger().logger,
    );

    // Assess
    expect(store).toBeInstanceOf(adapter);
  });

  it.each([undefined, '', 'postgres', 'MySQL', 'toString'])(
    'refuses %p with a configuration error',
    (name) => {
      // Act
      const build = () =>
        createVisitStore({ STORAGE_ADAPTER: name }, captureLogger().logger);

      // Assess
      expect(build).toThrow(ConfigurationError);
      expect(build).toThrow('STORAGE_ADAPTER must be one of: mysql, cassandra');
    },
  );
});
