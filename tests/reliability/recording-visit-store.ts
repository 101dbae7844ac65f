import { setTimeout as sleep } from 'node:timers/promises';
import type {
  StoredVisit,
  VisitStore,
} from '../../lib/storage/visit-store.port.ts';
import type { VisitType } from '../../lib/visit/visit.schema.ts';

/** Decides, per write, whether it fails and how long it takes. */
export interface WriteFaults {
  /** True when this write should throw instead of storing. */
  fails?: () => boolean;
  /** Milliseconds the write takes before it settles. */
  delayMs?: () => number;
}

/** A store failure, as a database outage would surface. */
export class InjectedWriteError extends Error {
  override name = 'InjectedWriteError';
}

/**
 * An in-memory visit store keyed by message id, like the real adapters'
 * upserts, that counts how often each id was written and can fail or slow
 * down writes on demand.
 */
export class RecordingVisitStore implements VisitStore {
  /** The last visit written under each message id. */
  readonly rows = new Map<string, StoredVisit>();
  /** How many successful writes carried each message id. */
  readonly writes = new Map<string, number>();
  failedWrites = 0;
  readonly #faults: WriteFaults;
  readonly #inner: VisitStore | undefined;

  constructor(faults: WriteFaults = {}, inner?: VisitStore) {
    this.#faults = faults;
    this.#inner = inner;
  }

  async saveVisits(
    type: VisitType,
    visits: readonly StoredVisit[],
  ): Promise<void> {
    const delay = this.#faults.delayMs?.() ?? 0;
    if (delay > 0) await sleep(delay);
    if (this.#faults.fails?.() === true) {
      this.failedWrites += 1;
      throw new InjectedWriteError('write refused');
    }

    await this.#inner?.saveVisits(type, visits);
    for (const visit of visits) {
      if (visit.type !== type) throw new Error('visit routed to wrong table');
      this.rows.set(visit.messageId, visit);
      this.writes.set(
        visit.messageId,
        (this.writes.get(visit.messageId) ?? 0) + 1,
      );
    }
  }
}
