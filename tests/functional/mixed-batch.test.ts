import { describe, expect, it, jest } from '@jest/globals';
import { MysqlVisitStore } from '../../lib/adapters/mysql/mysql-visit-store.ts';
import { createLogger } from '../../lib/logger.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { createProcessorHarness } from '../helpers/processor-harness.ts';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  useTestEmulator,
} from '../helpers/test-queues.ts';
import { startTestWorker, waitForDeadLetters } from '../helpers/test-worker.ts';

jest.setTimeout(30_000);

const NOW = Date.now();

const VALID = [
  { type: 'direct', created_at: NOW, ip: '203.0.113.7' },
  {
    type: 'direct',
    created_at: '2015-05-17T10:05:03+00:00',
    ip: '2001:db8::1',
  },
  { type: 'direct', created_at: NOW - 1000 },
  { type: 'referrer', created_at: NOW, url: 'https://example.org/a' },
  { type: 'referrer', created_at: NOW, url: 'example.net' },
  { type: 'referrer', created_at: NOW, url: 'http://t.co/x', ip: '192.0.2.1' },
].map((visit) => JSON.stringify(visit));

const INVALID = [
  JSON.stringify({ type: 'organic', created_at: NOW }),
  '{"type":"direct",',
  JSON.stringify({ type: 'direct', created_at: Math.floor(NOW / 1000) }),
  JSON.stringify({ type: 'referrer', created_at: NOW, url: 'ftp://x.test/' }),
];

/** Message ids in the `mysql upsert` lines, with the table of each. */
function readUpserts(lines: string[]): { table: string; id: string }[] {
  return lines
    .map((line) => JSON.parse(line))
    .filter((line) => line.message === 'mysql upsert')
    .flatMap((line) => {
      const columns = line.params.length / line.rows;
      return Array.from({ length: line.rows }, (_, row) => ({
        table: line.table,
        id: line.params[row * columns],
      }));
    });
}

describe('worker and processor on a mixed batch', () => {
  const test = useTestEmulator();

  it('stores valid visits once and dead-letters invalid ones at maxReceiveCount', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const echoed: string[] = [];
    const store = new MysqlVisitStore(
      createLogger({
        service: 'traffic-processor',
        write: (line) => echoed.push(line),
      }),
    );
    const processor = createProcessorHarness(store);
    const ids = await sendBodies(test.sqs, queues.queueUrl, [
      ...VALID,
      ...INVALID,
    ]);
    const validIds = ids.slice(0, VALID.length);
    const invalidIds = ids.slice(VALID.length);

    // Act
    const worker = startTestWorker(test.sqs, queues, processor.handler);
    await waitForDeadLetters(
      test.sqs,
      queues.deadLetterQueueUrl,
      INVALID.length,
    );
    await worker.stop();

    // Assess
    const upserts = readUpserts(echoed);
    expect(upserts.map(({ id }) => id).sort()).toEqual([...validIds].sort());
    expect(
      upserts.filter(({ table }) => table === 'traffic_direct_visits'),
    ).toHaveLength(3);
    expect(
      upserts.filter(({ table }) => table === 'traffic_referrer_visits'),
    ).toHaveLength(3);
    for (const id of validIds) expect(processor.deliveries.get(id)).toBe(1);
    for (const id of invalidIds) {
      expect(processor.deliveries.get(id)).toBe(
        PIPELINE_DEFAULTS.maxReceiveCount,
      );
    }
    const dead = await receiveAll(test.sqs, queues.deadLetterQueueUrl);
    expect(dead.map((message) => message.MessageId).sort()).toEqual(
      [...invalidIds].sort(),
    );
    expect(await countMessages(test.sqs, queues.queueUrl)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });
});
