import { createLogger, logLevelFromEnv } from '../../../lib/logger.ts';
import type { ProcessorConfiguration } from '../../../lib/processor/create-processor-handler.ts';
import { readProcessorConfiguration } from '../../../lib/processor/read-processor-configuration.ts';
import { createBareFloorHandler } from './create-bare-floor-handler.ts';

const logger = createLogger({
  service: 'bare-floor',
  level: logLevelFromEnv(),
});

let configuration: ProcessorConfiguration | undefined;

/** Lambda entry of the bare floor, wired like the traffic processor. */
export const handler = createBareFloorHandler({
  logger,
  configure: () => {
    configuration ??= readProcessorConfiguration(process.env, logger);
    return configuration;
  },
});
