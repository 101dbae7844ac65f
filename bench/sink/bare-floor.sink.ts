import { createBareFloorHandler } from '../peers/bare-floor/create-bare-floor-handler.ts';
import { withSink } from './create-sink-handler.ts';

/** The bare floor with the shared sink. */
export const createSinkHandler = withSink('bare-floor', createBareFloorHandler);
