import { createLogger, logLevelFromEnv } from '../../../lib/logger.ts';
import type { ProcessorConfiguration } from '../../../lib/processor/create-processor-handler.ts';
import { readProcessorConfiguration } from '../../../lib/processor/read-processor-configuration.ts';
import { createPowertoolsHandler } from './create-powertools-handler.ts';

const logger = createLogger({
  service: 'powertools-peer',
  level: logLevelFromEnv(),
});

let configuration: ProcessorConfiguration | undefined;

/** Lambda entry of the Powertools peer, wired like the traffic processor. */
export const handler = createPowertoolsHandler({
  logger,
  configure: () => {
    configuration ??= readProcessorConfiguration(process.env, logger);
    return configuration;
  },
});
