import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { withSink } from './create-sink-handler.ts';

/** The traffic processor, built from lib as its Lambda entry builds it. */
export const createSinkHandler = withSink(
  'traffic-processor',
  createProcessorHandler,
);
