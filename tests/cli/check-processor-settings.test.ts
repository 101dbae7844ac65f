import { describe, expect, it } from '@jest/globals';
import { checkProcessorSettings } from '../../lib/cli/check-processor-settings.ts';

describe('checkProcessorSettings', () => {
  it('accepts the settings the processor accepts', () => {
    // Act
    const check = () =>
      checkProcessorSettings({
        STORAGE_ADAPTER: 'cassandra',
        IP_ADDRESS_STORAGE: 'full',
      });

    // Assess
    expect(check).not.toThrow();
  });

  it('names a bad IP_ADDRESS_STORAGE, its values and the value found', () => {
    // Act
    const check = () =>
      checkProcessorSettings({
        STORAGE_ADAPTER: 'mysql',
        IP_ADDRESS_STORAGE: 'Full',
      });

    // Assess
    expect(check).toThrow(
      'IP_ADDRESS_STORAGE must be one of: truncated, full; found "Full"',
    );
  });

  it('says when the storage adapter is not set', () => {
    // Act
    const check = () => checkProcessorSettings({});

    // Assess
    expect(check).toThrow(
      expect.objectContaining({
        name: 'ProcessorSettingsError',
        message: expect.stringMatching(/^STORAGE_ADAPTER .*; it is not set$/),
      }),
    );
  });
});
