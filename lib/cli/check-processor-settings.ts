import { ConfigurationError } from '../configuration-error.ts';
import { createLogger } from '../logger.ts';
import { readProcessorConfiguration } from '../processor/read-processor-configuration.ts';

/** A processor setting in the environment that the processor would refuse. */
export class ProcessorSettingsError extends Error {
  override name = 'ProcessorSettingsError';
}

/**
 * Reads the processor's settings from `env` as the processor does on each
 * invocation, so that a bad one stops a local run at startup instead of
 * failing every batch and dead-lettering valid visits.
 *
 * Throws {@link ProcessorSettingsError}, naming the setting, the values it
 * takes and the value found.
 */
export function checkProcessorSettings(env: NodeJS.ProcessEnv): void {
  try {
    readProcessorConfiguration(
      env,
      createLogger({ service: 'traffic-worker', level: 'silent' }),
    );
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;

    const found =
      error.value === undefined ? 'it is not set' : `found "${error.value}"`;
    throw new ProcessorSettingsError(`${error.message}; ${found}`, {
      cause: error,
    });
  }
}
