import { setTimeout as sleep } from 'node:timers/promises';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { sendVisitBatch } from '../../agent/index.ts';
import { ensureTrafficQueues } from '../../emulator/ensure-traffic-queues.ts';
import { startEmulator } from '../../emulator/start-emulator.ts';
import type { Logger } from '../../logger.ts';
import { PIPELINE_DEFAULTS } from '../../pipeline-defaults.ts';
import {
  type ReplaySummary,
  replayAccessLog,
} from '../../replay/replay-access-log.ts';
import { startWorker } from '../../worker/start-worker.ts';
import type { BatchReport, SqsHandler } from '../../worker/worker-options.ts';
import { sendMessageBodies } from '../send-message-bodies.ts';
import { createSqsClient } from '../sqs-connection.ts';
import { buildInvalidBodies } from './invalid-bodies.ts';
import { readQueueDepth } from './read-queue-depth.ts';

export interface DemoOptions {
  logPath: string;
  /** The log's own site: one host, or several. */
  site: string | readonly string[];
  /** Invalid messages sent raw next to the log's visits. */
  invalidCount: number;
  visibilityTimeoutSeconds: number;
  /** Give up waiting for the queue to drain after this long. */
  timeoutSeconds: number;
  handler: SqsHandler;
  logger: Logger;
  onProgress?: (progress: DemoProgress) => void;
}

/** Where a demo run stands. */
export type DemoProgress =
  | { phase: 'send'; bytesRead: number }
  | { phase: 'drain'; settled: number; sent: number };

/** The outcome of a demo run. */
export interface DemoReport {
  replay: ReplaySummary;
  invalidSent: number;
  /** Everything put on the queue: the log's visits plus the invalid ones. */
  sent: number;
  /** Distinct messages the handler acknowledged, by visit type. */
  stored: { direct: number; referrer: number };
  /** Acknowledgements of a message already acknowledged before. */
  redelivered: number;
  deadLettered: number;
  drained: boolean;
  /** From the first send until the queue drained. */
  durationMs: number;
  /** From the first send until the last visit was stored. */
  storingMs: number;
}

const DRAIN_POLL_MS = 250;

/**
 * Runs the whole pipeline in this process: an emulator on a free loopback
 * port, the traffic queue and DLQ, the worker invoking `handler`, the access
 * log replayed through the agent and `invalidCount` raw invalid messages.
 *
 * It waits until the traffic queue is empty with nothing in flight and the
 * DLQ count has stopped changing, then stops everything and reports what
 * was sent, stored and dead-lettered.
 */
export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  const emulator = await startEmulator({ port: 0 });
  const sqs = createSqsClient({
    endpoint: emulator.endpoint,
    region: PIPELINE_DEFAULTS.region,
    useEmulatorCredentials: true,
  });

  try {
    return await runPipeline(sqs, options);
  } finally {
    sqs.destroy();
    await emulator.stop();
  }
}

async function runPipeline(
  sqs: SQSClient,
  options: DemoOptions,
): Promise<DemoReport> {
  const queues = await ensureTrafficQueues(sqs, {
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
  });
  const acknowledged = new Map<string, string>();
  let redelivered = 0;
  let lastStoredAt = Date.now();
  const onBatch = (report: BatchReport) => {
    if (report.acknowledged.length > 0) lastStoredAt = Date.now();
    for (const record of report.acknowledged) {
      if (acknowledged.has(record.messageId)) redelivered += 1;
      acknowledged.set(record.messageId, readVisitType(record.body));
    }
  };
  const worker = startWorker({
    sqs,
    queueUrl: queues.queueUrl,
    queueArn: queues.queueArn,
    region: PIPELINE_DEFAULTS.region,
    handler: options.handler,
    logger: options.logger,
    // Short polls keep shutdown quick once the queue is drained.
    waitTimeSeconds: 1,
    // A batch fits in the visibility timeout, however short: it is invoked
    // at once, and the in-process handler takes milliseconds.
    batchingWindowSeconds: 0,
    timeoutSeconds: Math.min(
      options.visibilityTimeoutSeconds,
      PIPELINE_DEFAULTS.processorTimeoutSeconds,
    ),
    onBatch,
  });
  const started = Date.now();

  let drained = false;
  let replay: ReplaySummary;
  let invalidSent: number;
  let deadLettered = 0;
  try {
    // Invalid messages go first: their retries overlap the replay.
    const invalid = await sendMessageBodies(
      sqs,
      queues.queueUrl,
      buildInvalidBodies(options.invalidCount, Date.now()).map((b) => b.body),
    );
    invalidSent = invalid.messageIds.filter((id) => id !== undefined).length;
    replay = await replayAccessLog(options.logPath, {
      site: options.site,
      send: (entries) => sendVisitBatch(sqs, queues.queueUrl, entries),
      onProgress: (_summary, bytesRead) =>
        options.onProgress?.({ phase: 'send', bytesRead }),
    });

    const sent = replay.sent + invalidSent;
    const deadline = Date.now() + options.timeoutSeconds * 1000;
    let previousDead = -1;
    while (Date.now() < deadline) {
      const depth = await readQueueDepth(sqs, queues.queueUrl);
      deadLettered = await readQueueDepth(sqs, queues.deadLetterQueueUrl);
      options.onProgress?.({
        phase: 'drain',
        settled: acknowledged.size + deadLettered,
        sent,
      });
      if (depth === 0 && worker.held() === 0 && deadLettered === previousDead) {
        drained = true;
        break;
      }
      previousDead = depth === 0 && worker.held() === 0 ? deadLettered : -1;
      await sleep(DRAIN_POLL_MS);
    }
  } finally {
    await worker.stop();
  }

  const stored = { direct: 0, referrer: 0 };
  for (const type of acknowledged.values()) {
    if (type === 'direct' || type === 'referrer') stored[type] += 1;
  }

  return {
    replay,
    invalidSent,
    sent: replay.sent + invalidSent,
    stored,
    redelivered,
    deadLettered,
    drained,
    durationMs: Date.now() - started,
    storingMs: Math.max(0, lastStoredAt - started),
  };
}

function readVisitType(body: string): string {
  try {
    const type = (JSON.parse(body) as { type?: unknown }).type;
    return typeof type === 'string' ? type : 'unknown';
  } catch {
    return 'unknown';
  }
}
