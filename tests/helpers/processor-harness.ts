import type { Context, SQSEvent } from 'aws-lambda';
import { createLogger } from '../../lib/logger.ts';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import type { VisitStore } from '../../lib/storage/visit-store.port.ts';
import type { SqsHandler } from '../../lib/worker/worker-options.ts';

/** The processor as Lambda runs it, plus a count of deliveries per message. */
export interface ProcessorHarness {
  handler: SqsHandler;
  /** How many invocations each message id was part of. */
  deliveries: Map<string, number>;
}

/**
 * Wraps the real processor handler around `store`, counting deliveries.
 *
 * @param write - receives the processor's log lines; dropped if unset
 */
export function createProcessorHarness(
  store: VisitStore,
  write?: (line: string) => void,
): ProcessorHarness {
  const logger = createLogger({
    service: 'traffic-processor',
    level: write === undefined ? 'silent' : 'info',
    ...(write === undefined ? {} : { write }),
  });
  const processor = createProcessorHandler({
    logger,
    configure: () => ({ store, ipStorage: 'full' }),
  });
  const deliveries = new Map<string, number>();

  return {
    deliveries,
    handler: (event: SQSEvent, context: Context) => {
      for (const { messageId } of event.Records) {
        deliveries.set(messageId, (deliveries.get(messageId) ?? 0) + 1);
      }
      return processor(event, context);
    },
  };
}
