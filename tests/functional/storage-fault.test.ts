import { afterEach, describe, expect, it, jest } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import type { TrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import type { Worker } from '../../lib/worker/start-worker.ts';
import type { SqsHandler } from '../../lib/worker/worker-options.ts';
import { createMapVisitStore } from '../helpers/map-visit-store.ts';
import { createProcessorHarness } from '../helpers/processor-harness.ts';
import {
  createTestQueues,
  sendBodies,
  useTestEmulator,
  waitFor,
} from '../helpers/test-queues.ts';
import { isQueueEmpty, startTestWorker } from '../helpers/test-worker.ts';

jest.setTimeout(30_000);

const NOW = Date.now();

function directVisits(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({ type: 'direct', created_at: NOW, ip: `192.0.2.${i + 1}` }),
  );
}

function referrerVisits(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      type: 'referrer',
      created_at: NOW,
      url: `https://example.org/${i}`,
    }),
  );
}

describe('worker and processor with a failing store', () => {
  const test = useTestEmulator();
  let worker: Worker | undefined;

  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
  });

  const run = async (handler: SqsHandler) => {
    const queues = await createTestQueues(test.sqs);
    return { queues, start: () => startRun(queues, handler) };
  };

  const startRun = (queues: TrafficQueues, handler: SqsHandler) => {
    // Sent before the worker starts, all records come in one receive.
    worker = startTestWorker(test.sqs, queues, handler, {
      maximumConcurrency: 1,
    });
  };

  const isDrained = (queueUrl: string) => isQueueEmpty(test.sqs, queueUrl);

  it('stores the records of a failed write on a later receive, and nothing twice', async () => {
    // Prepare
    const store = createMapVisitStore();
    store.failNextWrite('direct');
    const processor = createProcessorHarness(store);
    const { queues, start } = await run(processor.handler);
    const ids = await sendBodies(test.sqs, queues.queueUrl, [
      ...directVisits(5),
      ...referrerVisits(3),
    ]);

    // Act
    start();
    await waitFor(() => store.rows.size === ids.length, { timeoutMs: 20_000 });
    await waitFor(() => isDrained(queues.queueUrl));

    // Assess
    expect(store.refused.length).toBeGreaterThan(0);
    expect([...store.rows.keys()].sort()).toEqual([...ids].sort());
    expect([...store.upserts].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const expected = store.refused.includes(id) ? 2 : 1;
      expect(processor.deliveries.get(id)).toBe(expected);
    }
    expect(await isDrained(queues.deadLetterQueueUrl)).toBe(true);
  });

  it('upserts a message delivered twice into one row', async () => {
    // Prepare
    const store = createMapVisitStore();
    const processor = createProcessorHarness(store);
    let crashed = false;
    // The first invocation writes, then dies before answering, as when
    // Lambda times out after the write: SQS delivers the batch again.
    const crashOnce: SqsHandler = async (event, context) => {
      const response = await processor.handler(
        event as SQSEvent,
        context as Context,
      );
      if (crashed) return response;

      crashed = true;
      throw new Error('function crashed after writing');
    };
    const { queues, start } = await run(crashOnce);
    const ids = await sendBodies(test.sqs, queues.queueUrl, [
      ...directVisits(3),
      ...referrerVisits(2),
    ]);

    // Act
    start();
    await waitFor(
      async () =>
        store.upserts.length > ids.length && (await isDrained(queues.queueUrl)),
      { timeoutMs: 20_000 },
    );

    // Assess
    expect(store.rows.size).toBe(ids.length);
    const twice = ids.filter((id) => processor.deliveries.get(id) === 2);
    expect(twice.length).toBeGreaterThan(0);
    for (const id of ids) {
      const writes = store.upserts.filter((upsert) => upsert === id).length;
      expect(writes).toBe(processor.deliveries.get(id));
    }
    for (const [index, id] of ids.entries()) {
      const row = store.rows.get(id);
      expect(row?.type).toBe(index < 3 ? 'direct' : 'referrer');
      expect(row?.createdAt).toBe(new Date(NOW).toISOString());
    }
  });
});
