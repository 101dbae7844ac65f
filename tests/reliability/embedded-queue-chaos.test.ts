import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { createLogger } from '../../lib/logger.ts';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { startWorker, type Worker } from '../../lib/worker/start-worker.ts';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  startTestEmulator,
  type TestEmulator,
  waitFor,
} from '../helpers/test-queues.ts';
import { findLogFaults } from '../security/log-line-faults.ts';
import { RecordingVisitStore } from './recording-visit-store.ts';

jest.setTimeout(180_000);

/** Messages sent once each; a tenth of them are invalid. */
const VISITS = 20_000;
const INVALID_EVERY = 10;
/** One valid visit in this many is sent a second time, same body. */
const RESENT_EVERY = 20;
const WRITE_FAILURE_RATE = 0.02;
const SLOW_WRITE_RATE = 0.03;
/** Longer than the visibility timeout: the batch is redelivered in flight. */
const SLOW_WRITE_MS = 1_500;
const VISIBILITY_TIMEOUT_SECONDS = 1;
const SEED = Number(process.env.CHAOS_SEED ?? 20_240_615);

/** A small seeded generator, so a failing run's faults can be replayed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// Every body carries its idempotency key: the SQS message id cannot be one
// here, since a body sent twice gets two message ids. A valid visit's key is
// also its created_at offset, so a stored row names its key.
const KEY = /"key":(\d+)/;

function buildBodies(createdBase: number) {
  const bodies: string[] = [];
  const valid = new Set<number>();
  const invalid = new Set<number>();

  for (let key = 0; key < VISITS; key++) {
    const createdAt = createdBase + key;
    if (key % INVALID_EVERY === INVALID_EVERY - 1) {
      invalid.add(key);
      bodies.push(buildInvalidBody(key, createdAt));
      continue;
    }

    valid.add(key);
    const visit =
      key % 2 === 0
        ? {
            key,
            type: 'direct',
            created_at: createdAt,
            ip: `198.51.100.${key % 256}`,
          }
        : {
            key,
            type: 'referrer',
            created_at: new Date(createdAt).toISOString(),
            url: `https://ref.example/page/${key}?a=b`,
          };
    bodies.push(JSON.stringify(visit));
  }

  const resent = [...valid].filter((key) => key % RESENT_EVERY === 0);
  for (const key of resent) bodies.push(bodies[key] as string);

  return { bodies, valid, invalid, resent: resent.length };
}

function buildInvalidBody(key: number, createdAt: number): string {
  switch (key % 4) {
    case 0:
      return JSON.stringify({ key, type: 'bogus', created_at: createdAt });
    case 1:
      return JSON.stringify({ key, type: 'direct', created_at: 'yesterday' });
    case 2:
      return `{"key":${key},"type":"direct","created_at":${createdAt}`;
    default:
      return JSON.stringify({
        key,
        type: 'referrer',
        created_at: createdAt,
        url: 'javascript:alert(1)\r\nSet-Cookie: a=b',
      });
  }
}

describe('the processor behind the embedded queue under chaos', () => {
  let test: TestEmulator;
  const workers: Worker[] = [];

  beforeAll(async () => {
    test = await startTestEmulator();
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    await test.stop();
  });

  it('stores every valid visit once and dead-letters exactly the invalid ones', async () => {
    // Prepare
    const random = createRandom(SEED);
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: VISIBILITY_TIMEOUT_SECONDS,
      receiveWaitTimeSeconds: 1,
    });
    const createdBase = Date.now() - 24 * 60 * 60 * 1000;
    const { bodies, valid, invalid, resent } = buildBodies(createdBase);
    const store = new RecordingVisitStore({
      fails: () => random() < WRITE_FAILURE_RATE,
      delayMs: () => (random() < SLOW_WRITE_RATE ? SLOW_WRITE_MS : 0),
    });
    const lines: string[] = [];
    const processor = createProcessorHandler({
      logger: createLogger({
        service: 'traffic-processor',
        level: 'info',
        write: (line) => lines.push(line),
      }),
      configure: () => ({ store, ipStorage: 'truncated' }),
    });
    const keyOfRow = (createdAt: string) => Date.parse(createdAt) - createdBase;

    // A killed worker may have written its batch, but never answers for it:
    // its messages stay in flight until their visibility timeout ends. The
    // kill lands when a batch of the first worker finishes after it was
    // asked for, so at least one batch is always caught mid-flight.
    let killRequested = false;
    let killed = false;
    let abandoned = 0;
    const killable =
      (mortal: boolean) => async (event: SQSEvent, context: Context) => {
        const response = await processor(event, context);
        if (mortal && killRequested) killed = true;
        if (!mortal || !killed) return response;

        abandoned += event.Records.length;
        return new Promise<never>(() => {});
      };
    const start = (mortal: boolean) => {
      const worker = startWorker({
        sqs: test.sqs,
        queueUrl: queues.queueUrl,
        queueArn: queues.queueArn,
        region: 'us-east-1',
        handler: killable(mortal),
        logger: createLogger({ service: 'worker', level: 'silent' }),
        batchSize: 10,
        batchingWindowSeconds: 0,
        maximumConcurrency: 8,
        waitTimeSeconds: 1,
        timeoutSeconds: 3,
      });
      workers.push(worker);
      return worker;
    };

    // Act
    const slices = [0, 1, 2, 3].map((part) =>
      bodies.filter((_, index) => index % 4 === part),
    );
    const sending = Promise.all(
      slices.map((slice) => sendBodies(test.sqs, queues.queueUrl, slice)),
    ).then((ids) => ids.flat());
    const first = start(true);
    await waitFor(() => store.rows.size >= valid.size / 3, {
      timeoutMs: 120_000,
      intervalMs: 100,
    });
    killRequested = true;
    await waitFor(() => killed, { timeoutMs: 60_000, intervalMs: 10 });
    start(false);
    const firstStopped = first.stop();
    const sentIds = await sending;
    await firstStopped;
    // Empty twice in a row: every message was deleted or dead-lettered.
    let emptyChecks = 0;
    const drained = waitFor(
      async () => {
        const counts = await countMessages(test.sqs, queues.queueUrl);
        const empty = counts.visible + counts.inFlight + counts.delayed === 0;
        emptyChecks = empty ? emptyChecks + 1 : 0;
        return emptyChecks >= 2;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    ).then(
      () => true,
      () => false,
    );
    const finished = await drained;
    await Promise.all(workers.map((worker) => worker.stop()));
    const dead = await receiveAll(test.sqs, queues.deadLetterQueueUrl);

    // Assess
    const stored = new Set(
      [...store.rows.values()].map((row) => keyOfRow(row.createdAt)),
    );
    const deadKeys = dead.map((message) =>
      Number(KEY.exec(message.Body ?? '')?.[1]),
    );
    const writes = [...store.writes.values()].reduce((sum, n) => sum + n, 0);
    const rewrites = writes - store.rows.size;
    const sentIdSet = new Set(sentIds);
    const missing = [...valid].filter((key) => !stored.has(key));
    const undead = [...invalid].filter((key) => !deadKeys.includes(key));
    const figures = {
      seed: SEED,
      sent: bodies.length,
      resent,
      valid: valid.size,
      invalid: invalid.size,
      stored: stored.size,
      rowsByMessageId: store.rows.size,
      writes,
      duplicatesAbsorbed: writes - stored.size,
      redeliveredRewrites: rewrites,
      resentRows: store.rows.size - stored.size,
      failedWrites: store.failedWrites,
      abandonedByKill: abandoned,
      inDlq: dead.length,
      lost: missing.length + undead.length,
      drained: finished,
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);

    expect(finished).toBe(true);
    expect(missing).toEqual([]);
    expect([...stored].filter((key) => !valid.has(key))).toEqual([]);
    expect(deadKeys.sort((a, b) => a - b)).toEqual([...invalid]);
    expect([...store.rows.keys()].filter((id) => !sentIdSet.has(id))).toEqual(
      [],
    );
    expect(store.rows.size).toBe(valid.size + resent);
    expect(store.failedWrites).toBeGreaterThan(0);
    expect(abandoned).toBeGreaterThan(0);
    expect(rewrites).toBeGreaterThan(0);
    expect(findLogFaults(lines)).toEqual([]);
    const deadIds = new Set(dead.map((message) => message.MessageId));
    expect([...store.rows.keys()].filter((id) => deadIds.has(id))).toEqual([]);
  });
});
