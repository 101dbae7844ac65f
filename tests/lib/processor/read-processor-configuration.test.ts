import { describe, expect, it } from '@jest/globals';
import { MysqlVisitStore } from '../../../lib/adapters/mysql/mysql-visit-store.ts';
import { ConfigurationError } from '../../../lib/configuration-error.ts';
import { readProcessorConfiguration } from '../../../lib/processor/read-processor-configuration.ts';
import { captureLogger } from '../../fixtures/capture-logger.ts';

describe('readProcessorConfiguration', () => {
  it('truncates client addresses unless told otherwise', () => {
    // Act
    const configuration = readProcessorConfiguration(
      { STORAGE_ADAPTER: 'mysql' },
      captureLogger().logger,
    );

    // Assess
    expect(configuration.store).toBeInstanceOf(MysqlVisitStore);
    expect(configuration.ipStorage).toBe('truncated');
  });

  it('keeps whole addresses when IP_ADDRESS_STORAGE is full', () => {
    // Act
    const configuration = readProcessorConfiguration(
      { STORAGE_ADAPTER: 'cassandra', IP_ADDRESS_STORAGE: 'full' },
      captureLogger().logger,
    );

    // Assess
    expect(configuration.ipStorage).toBe('full');
  });

  it('refuses an unknown IP_ADDRESS_STORAGE', () => {
    // Act
    const read = () =>
      readProcessorConfiguration(
        { STORAGE_ADAPTER: 'mysql', IP_ADDRESS_STORAGE: 'hashed' },
        captureLogger().logger,
      );

    // Assess
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow('IP_ADDRESS_STORAGE must be one of: truncated, full');
  });
});
