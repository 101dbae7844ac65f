import type {
  ProcessorHandler,
  ProcessorOptions,
} from '../../lib/processor/create-processor-handler.ts';

/** The contract every contender keeps: an SQS event in, failures out. */
export type PeerHandler = ProcessorHandler;

/** What a peer is built from: the very options of the traffic processor. */
export type PeerOptions = ProcessorOptions;
