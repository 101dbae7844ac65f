import type {
  StoredVisit,
  VisitStore,
} from '../../lib/storage/visit-store.port.ts';
import type { VisitType } from '../../lib/visit/visit.schema.ts';

/** A table row: the visit as written, with its type. */
export type MapRow = StoredVisit & { type: VisitType };

/**
 * An in-memory store whose "table" is a map keyed by message id, so an
 * upsert of a message already written replaces its row.
 */
export interface MapVisitStore extends VisitStore {
  rows: Map<string, MapRow>;
  /** Message ids of every write that succeeded, in order, repeats included. */
  upserts: string[];
  /** Message ids of every write that threw. */
  refused: string[];
  /** Makes the next write of `type` throw. */
  failNextWrite(type: VisitType): void;
}

/** Builds an empty {@link MapVisitStore}. */
export function createMapVisitStore(): MapVisitStore {
  const failing = new Set<VisitType>();
  const store: MapVisitStore = {
    rows: new Map(),
    upserts: [],
    refused: [],
    failNextWrite: (type) => void failing.add(type),
    saveVisits: async (type, visits) => {
      if (failing.delete(type)) {
        store.refused.push(...visits.map((visit) => visit.messageId));
        throw new Error('storage unavailable');
      }

      for (const visit of visits) {
        store.rows.set(visit.messageId, { ...visit, type });
        store.upserts.push(visit.messageId);
      }
    },
  };

  return store;
}
