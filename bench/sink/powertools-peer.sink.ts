import { createPowertoolsHandler } from '../peers/powertools/create-powertools-handler.ts';
import { withSink } from './create-sink-handler.ts';

/** The Powertools peer with the shared sink. */
export const createSinkHandler = withSink(
  'powertools-peer',
  createPowertoolsHandler,
);
