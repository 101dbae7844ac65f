import { setTimeout as sleep } from 'node:timers/promises';
import {
  afterAll,
  afterEach,
  beforeAll,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import type { TrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import type { Worker } from '../../lib/worker/start-worker.ts';
import type {
  BatchReport,
  SqsHandler,
  WorkerOptions,
} from '../../lib/worker/worker-options.ts';
import { captureLogger, linesWith } from '../fixtures/capture-logger.ts';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  startTestEmulator,
  type TestEmulator,
  waitFor,
} from '../helpers/test-queues.ts';
import { isQueueEmpty, startTestWorker } from '../helpers/test-worker.ts';

jest.setTimeout(30_000);

describe('startWorker', () => {
  let test: TestEmulator;
  let worker: Worker | undefined;

  beforeAll(async () => {
    test = await startTestEmulator();
  });

  // Stopping waits out a long poll; the next test need not wait for that.
  const stopping: Promise<void>[] = [];

  afterEach(() => {
    if (worker !== undefined) stopping.push(worker.stop());
    worker = undefined;
  });

  afterAll(async () => {
    await Promise.all(stopping);
    await test.stop();
  });

  const start = (
    queues: TrafficQueues,
    handler: SqsHandler,
    options: Partial<WorkerOptions> = {},
  ) => {
    worker = startTestWorker(test.sqs, queues, handler, options);
    return worker;
  };

  const isEmpty = (queueUrl: string) => isQueueEmpty(test.sqs, queueUrl);

  it('invokes the handler with Lambda-shaped records and context', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const [id] = await sendBodies(test.sqs, queues.queueUrl, ['hello']);
    const calls: { event: SQSEvent; context: Context; remaining: number }[] =
      [];

    // Act
    start(queues, (event, context) => {
      calls.push({
        event,
        context,
        remaining: context.getRemainingTimeInMillis(),
      });
      return { batchItemFailures: [] };
    });
    await waitFor(() => calls.length === 1);

    // Assess
    const record = calls[0]?.event.Records[0];
    expect(record).toMatchObject({
      messageId: id,
      body: 'hello',
      md5OfBody: '5d41402abc4b2a76b9719d911017c592',
      eventSource: 'aws:sqs',
      eventSourceARN: queues.queueArn,
      awsRegion: 'us-east-1',
      messageAttributes: {},
      attributes: {
        ApproximateReceiveCount: '1',
        SenderId: expect.any(String),
        SentTimestamp: expect.stringMatching(/^\d+$/),
        ApproximateFirstReceiveTimestamp: expect.stringMatching(/^\d+$/),
      },
    });
    expect(record?.receiptHandle).toEqual(expect.any(String));
    expect(calls[0]?.context.functionName).toBe('traffic-processor');
    expect(calls[0]?.remaining).toBeGreaterThan(0);
    expect(calls[0]?.remaining).toBeLessThanOrEqual(30_000);
  });

  it('deletes acknowledged records and leaves failures to the redrive policy', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, { maxReceiveCount: 2 });
    const ids = await sendBodies(test.sqs, queues.queueUrl, [
      'ok',
      'bad',
      'ok',
    ]);
    const seen = new Map<string, number>();

    // Act
    start(queues, (event) => {
      for (const record of event.Records) {
        seen.set(record.messageId, (seen.get(record.messageId) ?? 0) + 1);
      }
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'bad').map(
          (r) => ({ itemIdentifier: r.messageId }),
        ),
      };
    });
    await waitFor(() => isEmpty(queues.queueUrl), { timeoutMs: 15_000 });

    // Assess
    const dead = await receiveAll(test.sqs, queues.deadLetterQueueUrl);
    expect(dead.map((message) => message.MessageId)).toEqual([ids[1]]);
    expect(seen.get(ids[0] as string)).toBe(1);
    expect(seen.get(ids[1] as string)).toBe(2);
    expect(seen.get(ids[2] as string)).toBe(1);
  });

  it.each([
    ['throws', () => Promise.reject(new Error('boom'))],
    [
      'answers with an unknown id',
      () => ({ batchItemFailures: [{ itemIdentifier: 'x' }] }),
    ],
    ['answers with a string', () => 'done'],
  ])('fails every record when the handler %s', async (_name, firstAnswer) => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const ids = await sendBodies(test.sqs, queues.queueUrl, ['a', 'b']);
    const reports: BatchReport[] = [];
    let calls = 0;
    const handler: SqsHandler = () => (calls++ === 0 ? firstAnswer() : {});

    // Act
    start(queues, handler, {
      maximumConcurrency: 1,
      onBatch: (report) => reports.push(report),
    });
    await waitFor(
      () => reports.reduce((sum, r) => sum + r.acknowledged.length, 0) >= 2,
      { timeoutMs: 15_000 },
    );

    // Assess
    expect(reports[0]?.acknowledged).toEqual([]);
    expect(reports[0]?.failed.map((r) => r.messageId).sort()).toEqual(
      [...ids].sort(),
    );
    expect(reports[0]?.failureReason).toEqual(expect.any(String));
    expect(reports[1]?.acknowledged.map((r) => r.messageId).sort()).toEqual(
      [...ids].sort(),
    );
    await waitFor(() => isEmpty(queues.queueUrl));
  });

  it('fails a batch whose invocation outlives the timeout', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    await sendBodies(test.sqs, queues.queueUrl, ['slow']);
    const reports: BatchReport[] = [];
    let calls = 0;
    const handler: SqsHandler = () =>
      calls++ === 0 ? sleep(3000).then(() => ({})) : {};

    // Act
    start(queues, handler, {
      timeoutSeconds: 1,
      onBatch: (report) => reports.push(report),
    });
    await waitFor(() => reports.length === 2, { timeoutMs: 15_000 });

    // Assess
    expect(reports[0]?.failureReason).toBe('timed_out');
    expect(reports[1]?.acknowledged).toHaveLength(1);
  });

  it('gathers a batch across receives up to the batch size', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const bodies = Array.from({ length: 25 }, (_, i) => `m${i}`);
    await sendBodies(test.sqs, queues.queueUrl, bodies);
    const sizes: number[] = [];

    // Act
    start(queues, (event) => void sizes.push(event.Records.length), {
      batchSize: 25,
      batchingWindowSeconds: 2,
      maximumConcurrency: 1,
    });
    await waitFor(() => sizes.length > 0);

    // Assess
    expect(sizes[0]).toBe(25);
  });

  it('gives each message once when it returns during its batching window', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, { maxReceiveCount: 10 });
    const ids = await sendBodies(test.sqs, queues.queueUrl, ['a', 'b', 'c']);
    const { logger, lines } = captureLogger('worker');
    const events: SQSEvent[] = [];

    // Act
    const running = start(queues, (event) => void events.push(event), {
      logger,
      batchSize: 25,
      batchingWindowSeconds: 3,
      maximumConcurrency: 1,
    });
    await waitFor(() => events.length === 1, { timeoutMs: 15_000 });
    await waitFor(() => isEmpty(queues.queueUrl), { timeoutMs: 15_000 });

    // Assess
    const records = events[0]?.Records ?? [];
    expect(records.map((r) => r.messageId).sort()).toEqual([...ids].sort());
    for (const record of records) {
      expect(Number(record.attributes.ApproximateReceiveCount)).toBeGreaterThan(
        1,
      );
    }
    expect(running.stats().superseded).toBeGreaterThan(0);
    expect(running.held()).toBe(0);
    expect(
      linesWith(lines, 'message received again while gathering')[0],
    ).toMatchObject({ level: 'warn', batchingWindowSeconds: 3 });
  });

  it('keeps at most the maximum concurrency of batches in flight', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 30,
    });
    const bodies = Array.from({ length: 12 }, (_, i) => `m${i}`);
    await sendBodies(test.sqs, queues.queueUrl, bodies);
    let active = 0;
    let peak = 0;
    let done = 0;
    const handler: SqsHandler = async (event) => {
      active += 1;
      peak = Math.max(peak, active);
      await sleep(150);
      active -= 1;
      done += event.Records.length;
    };

    // Act
    start(queues, handler, { batchSize: 1, maximumConcurrency: 3 });
    await waitFor(() => done === 12, { timeoutMs: 15_000 });

    // Assess
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThanOrEqual(2);
  });

  it('finishes the batch in flight and its deletes when stopped', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 30,
    });
    await sendBodies(test.sqs, queues.queueUrl, ['one']);
    let started = false;
    let finished = false;
    const handler: SqsHandler = async () => {
      started = true;
      await sleep(500);
      finished = true;
    };
    const running = start(queues, handler, { maximumConcurrency: 2 });
    await waitFor(() => started);

    // Act
    await running.stop();

    // Assess
    expect(finished).toBe(true);
    expect(running.held()).toBe(0);
    expect(running.stats()).toMatchObject({ received: 1, acknowledged: 1 });
    expect(await isEmpty(queues.queueUrl)).toBe(true);
  });

  it('logs one summary line per batch at debug level', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 30,
    });
    await sendBodies(test.sqs, queues.queueUrl, ['a', 'b', 'c']);
    const { logger, lines } = captureLogger('worker');
    const reports: BatchReport[] = [];

    // Act
    start(queues, () => ({}), {
      logger,
      batchingWindowSeconds: 1,
      maximumConcurrency: 1,
      onBatch: (report) => reports.push(report),
    });
    await waitFor(() => reports.length === 1);

    // Assess
    expect(linesWith(lines, 'batch done')).toEqual([
      expect.objectContaining({
        level: 'debug',
        records: 3,
        acknowledged: 3,
        failed: 0,
      }),
    ]);
    expect(linesWith(lines, 'worker started')).toHaveLength(1);
  });

  it('warns when the visibility timeout is shorter than an invocation', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const { logger, lines } = captureLogger('worker');

    // Act
    start(queues, () => ({}), { logger, timeoutSeconds: 5 });
    await waitFor(() => linesWith(lines, 'worker started').length === 1);
    await waitFor(
      () =>
        linesWith(lines, 'visibility timeout shorter than invocation')
          .length === 1,
    );

    // Assess
    expect(
      linesWith(lines, 'visibility timeout shorter than invocation')[0],
    ).toMatchObject({
      level: 'warn',
      visibilityTimeoutSeconds: 1,
      timeoutSeconds: 5,
      batchingWindowSeconds: 0,
      fix: expect.stringContaining('--batching-window 0 --timeout 1'),
    });
  });

  it('does not warn when an invocation fits in the visibility timeout', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 60,
    });
    const { logger, lines } = captureLogger('worker');
    await sendBodies(test.sqs, queues.queueUrl, ['x']);
    const reports: BatchReport[] = [];

    // Act
    const running = start(queues, () => ({}), {
      logger,
      timeoutSeconds: 30,
      onBatch: (report) => reports.push(report),
    });
    await waitFor(() => reports.length === 1);
    await running.stop();

    // Assess
    expect(lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('hands back messages a receive returns after stop was asked', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 30,
    });
    let calls = 0;
    const running = start(queues, () => void calls++, { waitTimeSeconds: 2 });
    await sleep(300);

    // Act
    const stopped = running.stop();
    await sendBodies(test.sqs, queues.queueUrl, ['late']);
    await stopped;

    // Assess
    expect(calls).toBe(0);
    expect(running.stats()).toMatchObject({ received: 1, released: 1 });
    expect(running.held()).toBe(0);
    expect(await countMessages(test.sqs, queues.queueUrl)).toEqual({
      visible: 1,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('logs failed receives and keeps polling until stopped', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const { logger, lines } = captureLogger('worker');
    const missing = { ...queues, queueUrl: `${queues.queueUrl}-missing` };

    // Act
    const running = start(missing, () => ({}), {
      logger,
      maximumConcurrency: 1,
    });
    await waitFor(() => linesWith(lines, 'receive failed').length >= 2);
    await running.stop();

    // Assess
    expect(linesWith(lines, 'receive failed')[0]).toMatchObject({
      level: 'error',
      error: expect.objectContaining({ name: expect.any(String) }),
    });
    expect(linesWith(lines, 'worker stopped')).toHaveLength(1);
  });
});
