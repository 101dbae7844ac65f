import type { StoredVisit } from '../../../lib/storage/visit-store.port.ts';
import { truncateIpAddress } from '../../../lib/visit/truncate-ip-address.ts';
import type { VisitType } from '../../../lib/visit/visit.schema.ts';
import type { PeerHandler, PeerOptions } from '../peer-handler.ts';
import { readVisit } from './read-visit.ts';

type Group = { indexes: number[]; visits: StoredVisit[] };

/**
 * Builds the floor: one plain loop over the records, hand-written checks,
 * one write per visit type and the failed ids collected by hand.
 */
export function createBareFloorHandler({
  logger,
  configure,
  now = Date.now,
}: PeerOptions): PeerHandler {
  return async (event) => {
    const { store, ipStorage } = configure();
    const records = event.Records;
    const failed: number[] = [];
    const groups = new Map<VisitType, Group>();
    const at = now();

    for (let index = 0; index < records.length; index++) {
      const { messageId, body } = records[index] as (typeof records)[0];
      const visit = readVisit(body, at);
      if ('reason' in visit) {
        logger.warn('record rejected', {
          messageId,
          field: visit.field,
          reason: visit.reason,
        });
        failed.push(index);
        continue;
      }

      if (visit.ip !== undefined && ipStorage === 'truncated') {
        visit.ip = truncateIpAddress(visit.ip);
      }
      let group = groups.get(visit.type);
      if (group === undefined) {
        group = { indexes: [], visits: [] };
        groups.set(visit.type, group);
      }
      group.indexes.push(index);
      group.visits.push({ ...visit, messageId });
    }

    let writeFailed = false;
    for (const [type, group] of groups) {
      try {
        await store.saveVisits(type, group.visits);
      } catch (error) {
        writeFailed = true;
        logger.error('write failed', { type, error });
        failed.push(...group.indexes);
      }
    }
    // Lambda ignores the order; sorting keeps the response comparable.
    if (writeFailed) failed.sort((a, b) => a - b);

    logger.info('batch processed', {
      received: records.length,
      rejected: failed.length,
    });
    return {
      batchItemFailures: failed.map((index) => ({
        itemIdentifier: records[index]?.messageId as string,
      })),
    };
  };
}
