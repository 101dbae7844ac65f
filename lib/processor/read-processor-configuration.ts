import { readChoice } from '../configuration-error.ts';
import type { Logger } from '../logger.ts';
import { createVisitStore } from '../storage/create-visit-store.ts';
import { IP_STORAGE_MODES } from '../visit/truncate-ip-address.ts';
import type { ProcessorConfiguration } from './create-processor-handler.ts';

/**
 * Reads the processor's settings from the environment:
 * `STORAGE_ADAPTER` (`mysql` or `cassandra`, required) and
 * `IP_ADDRESS_STORAGE` (`truncated`, the default, or `full`).
 * Throws a `ConfigurationError` naming the first bad setting.
 */
export function readProcessorConfiguration(
  env: NodeJS.ProcessEnv,
  logger: Logger,
): ProcessorConfiguration {
  return {
    store: createVisitStore(env, logger),
    ipStorage: readChoice(
      env,
      'IP_ADDRESS_STORAGE',
      IP_STORAGE_MODES,
      'truncated',
    ),
  };
}
