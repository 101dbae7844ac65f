import { createLogger, logLevelFromEnv } from '../../lib/logger.ts';
import {
  createProcessorHandler,
  type ProcessorConfiguration,
} from '../../lib/processor/create-processor-handler.ts';
import { readProcessorConfiguration } from '../../lib/processor/read-processor-configuration.ts';

const logger = createLogger({
  service: 'traffic-processor',
  level: logLevelFromEnv(),
});

let configuration: ProcessorConfiguration | undefined;

/** Lambda entry point, invoked by the traffic queue's event source mapping. */
export const handler = createProcessorHandler({
  logger,
  configure: () => {
    configuration ??= readProcessorConfiguration(process.env, logger);
    return configuration;
  },
});
