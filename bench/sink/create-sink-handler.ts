import { MysqlVisitStore } from '../../lib/adapters/mysql/mysql-visit-store.ts';
import { createLogger } from '../../lib/logger.ts';
import type { PeerHandler, PeerOptions } from '../peers/peer-handler.ts';

/** How a benchmark builds a contender whose output goes to a sink. */
export interface SinkOptions {
  /** Receives every finished log line, statements included. */
  write: (line: string) => void;
  now?: () => number;
}

/** The factory each sink bundle exports. */
export type CreateSinkHandler = (options: SinkOptions) => PeerHandler;

/**
 * Wraps a contender's factory so it logs at `info` and stores through the
 * MySQL echo adapter, both into `write`, with the default (truncated)
 * address storage: every contender builds the same lines and rows, and none
 * of them reaches stdout.
 */
export function withSink(
  service: string,
  createHandler: (options: PeerOptions) => PeerHandler,
): CreateSinkHandler {
  return ({ write, now }) => {
    const logger = createLogger({ service, level: 'info', write });
    const store = new MysqlVisitStore(logger);

    const configuration = { store, ipStorage: 'truncated' } as const;

    return createHandler({ logger, configure: () => configuration, now });
  };
}
