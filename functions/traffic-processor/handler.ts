import { createLogger, logLevelFromEnv } from '../../lib/logger.ts';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { createVisitStore } from '../../lib/storage/create-visit-store.ts';
import type { VisitStore } from '../../lib/storage/visit-store.port.ts';

const logger = createLogger({
  service: 'traffic-processor',
  level: logLevelFromEnv(),
});

let store: VisitStore | undefined;

/** Lambda entry point, invoked by the traffic queue's event source mapping. */
export const handler = createProcessorHandler({
  logger,
  resolveStore: () => {
    store ??= createVisitStore(process.env, logger);
    return store;
  },
});
