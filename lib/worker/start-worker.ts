import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSRecord } from 'aws-lambda';
import { addToBatch, type GatheredBatch } from './add-to-batch.ts';
import { invokeHandler } from './invoke-handler.ts';
import {
  deleteMessages,
  type HeldMessage,
  releaseMessages,
} from './sqs-batch-actions.ts';
import {
  type ReceivedMessage,
  type RecordSource,
  toLambdaRecord,
} from './to-lambda-record.ts';
import { warnOnShortVisibility } from './warn-on-short-visibility.ts';
import {
  type BatchReport,
  readWorkerSettings,
  type WorkerOptions,
} from './worker-options.ts';

/** Running totals of a worker, since it started. */
export interface WorkerStats {
  received: number;
  batches: number;
  acknowledged: number;
  failed: number;
  released: number;
  deleteFailures: number;
  /** Receives replaced by a newer receive of the same message in a batch. */
  superseded: number;
}

/** A running worker. */
export interface Worker {
  /**
   * Stops receiving, lets the batches in flight finish, deletes what they
   * acknowledged and hands back unprocessed messages; resolves when done.
   */
  stop(): Promise<void>;
  /** Messages received and not yet deleted, handed back or left to retry. */
  held(): number;
  stats(): WorkerStats;
}

const MAX_RECEIVE = 10;
const RECEIVE_RETRY_MS = [250, 1000, 5000] as const;
const WINDOW_POLL_MS = 100;

/**
 * Starts polling the queue the way Lambda's SQS event source mapping does,
 * and invokes `handler` with Lambda-shaped events.
 *
 * Each of `maximumConcurrency` pollers long-polls, gathers up to `batchSize`
 * records within the batching window (one per message id: a message
 * received again replaces its older receive), invokes the handler with a fresh
 * context, reads its `batchItemFailures` and deletes only the records it did
 * not report. Failed records stay in the queue and return after the
 * visibility timeout, until the redrive policy moves them to the DLQ.
 */
export function startWorker(options: WorkerOptions): Worker {
  const settings = readWorkerSettings(options);
  const { sqs, queueUrl, logger } = options;
  const source: RecordSource = {
    queueArn: options.queueArn,
    region: options.region,
  };
  const stopping = new AbortController();
  const stats: WorkerStats = {
    received: 0,
    batches: 0,
    acknowledged: 0,
    failed: 0,
    released: 0,
    deleteFailures: 0,
    superseded: 0,
  };
  let held = 0;

  const receive = async (max: number, waitSeconds: number) => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: max,
        WaitTimeSeconds: waitSeconds,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const usable = Messages.filter(isUsable);
    held += usable.length;
    stats.received += usable.length;
    return usable;
  };

  const gather = async (): Promise<ReceivedMessage[]> => {
    const batch: GatheredBatch = new Map();
    let deadline: number | undefined;
    let failures = 0;

    while (batch.size < settings.batchSize && !stopping.signal.aborted) {
      const remaining =
        deadline === undefined ? undefined : deadline - Date.now();
      if (remaining !== undefined && remaining <= 0) break;

      const waitSeconds =
        remaining === undefined
          ? settings.waitTimeSeconds
          : Math.min(settings.waitTimeSeconds, Math.floor(remaining / 1000));
      try {
        const received = await receive(
          Math.min(MAX_RECEIVE, settings.batchSize - batch.size),
          waitSeconds,
        );
        failures = 0;
        supersede(addToBatch(batch, received));
        if (received.length > 0) {
          deadline ??= Date.now() + settings.batchingWindowSeconds * 1000;
        } else if (remaining !== undefined && waitSeconds === 0) {
          await pause(Math.min(WINDOW_POLL_MS, remaining), stopping.signal);
        }
      } catch (error) {
        logger.error('receive failed', { queueUrl, error });
        if (batch.size > 0) break;

        const delay = RECEIVE_RETRY_MS[failures] ?? RECEIVE_RETRY_MS[2];
        failures += 1;
        await pause(delay, stopping.signal);
      }
    }

    return [...batch.values()];
  };

  const supersede = (older: readonly ReceivedMessage[]) => {
    if (older.length === 0) return;

    held -= older.length;
    stats.superseded += older.length;
    logger.warn('message received again while gathering', {
      queueUrl,
      messageIds: older.map((message) => message.MessageId),
      batchingWindowSeconds: settings.batchingWindowSeconds,
    });
  };

  const release = async (messages: readonly ReceivedMessage[]) => {
    const result = await releaseMessages(
      sqs,
      queueUrl,
      messages.map(toHeldMessage),
    );
    held -= messages.length;
    stats.released += result.done.length;
    if (result.failed.length > 0) {
      logger.error('release failed', { queueUrl, failures: result.failed });
    }
  };

  const invoke = async (messages: readonly ReceivedMessage[]) => {
    const started = Date.now();
    const records = messages.map((message) => toLambdaRecord(message, source));
    const verdict = await invokeHandler(records, options, settings);
    if (verdict.kind === 'all_failed') {
      logger.error('invocation failed', {
        records: records.length,
        reason: verdict.reason,
        ...(verdict.error === undefined ? {} : { error: verdict.error }),
      });
    }

    const acknowledged: SQSRecord[] = [];
    const failed: SQSRecord[] = [];
    for (const record of records) {
      const done =
        verdict.kind === 'partial' && !verdict.failedIds.has(record.messageId);
      (done ? acknowledged : failed).push(record);
    }
    const deletion = await deleteMessages(
      sqs,
      queueUrl,
      acknowledged.map(toHeldRecord),
    );
    held -= records.length;
    if (deletion.failed.length > 0) {
      logger.error('delete failed', { queueUrl, failures: deletion.failed });
    }

    stats.batches += 1;
    stats.acknowledged += acknowledged.length;
    stats.failed += failed.length;
    stats.deleteFailures += deletion.failed.length;
    logger.debug('batch done', {
      records: records.length,
      acknowledged: acknowledged.length,
      failed: failed.length,
      deleteFailures: deletion.failed.length,
      durationMs: Date.now() - started,
    });

    const report: BatchReport = {
      records,
      acknowledged,
      failed,
      deleteFailures: deletion.failed.length,
    };
    if (verdict.kind === 'all_failed') report.failureReason = verdict.reason;
    try {
      options.onBatch?.(report);
    } catch (error) {
      logger.error('batch listener failed', { error });
    }
  };

  const poll = async () => {
    while (!stopping.signal.aborted) {
      const messages = await gather();
      if (messages.length === 0) continue;

      // Received during shutdown: hand back rather than start new work.
      if (stopping.signal.aborted) await release(messages);
      else await invoke(messages);
    }
  };

  const pollers = Array.from({ length: settings.maximumConcurrency }, poll);
  const finished = Promise.all(pollers).then(() => {
    logger.info('worker stopped', { queueUrl, ...stats });
  });
  logger.info('worker started', { queueUrl, ...settings });
  const checked = warnOnShortVisibility(sqs, queueUrl, settings, logger);

  return {
    stop: async () => {
      stopping.abort();
      await Promise.all([finished, checked]);
    },
    held: () => held,
    stats: () => ({ ...stats }),
  };
}

function isUsable(message: {
  MessageId?: string;
  ReceiptHandle?: string;
}): message is ReceivedMessage {
  return message.MessageId !== undefined && message.ReceiptHandle !== undefined;
}

function toHeldMessage(message: ReceivedMessage): HeldMessage {
  return { messageId: message.MessageId, receiptHandle: message.ReceiptHandle };
}

function toHeldRecord(record: SQSRecord): HeldMessage {
  return { messageId: record.messageId, receiptHandle: record.receiptHandle };
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
