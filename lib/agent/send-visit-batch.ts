import {
  SendMessageBatchCommand,
  type SendMessageBatchResultEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { VisitMessage } from '../visit/visit.schema.ts';
import {
  resolveVisitSchema,
  serializeVisitMessage,
} from './serialize-visit-message.ts';

/** SQS takes at most this many entries in one `SendMessageBatch`. */
export const MAX_BATCH_ENTRIES = 10;

/** One visit to send; `id` is the caller's, unique within a call. */
export type VisitBatchEntry = { id: string; message: VisitMessage };

export type SentVisit = { id: string; messageId: string };

/** A visit that was not sent: SQS's error code, or `InvalidVisit`. */
export type FailedVisit = { id: string; code: string; message: string };

/** Every entry ends in exactly one list, in the order it was given. */
export type VisitBatchResult = { sent: SentVisit[]; failed: FailedVisit[] };

export interface SendVisitBatchOptions {
  /** Calls per group of entries, first one included. Default 5. */
  maxAttempts?: number;
  /** Ceiling of the first retry's delay, doubled on each retry. Default 100. */
  baseDelayMs?: number;
  /** Largest delay ceiling. Default 5000. */
  maxDelayMs?: number;
  /** Groups of ten in flight at once. Default 4. */
  concurrency?: number;
  /** The clock `created_at` is checked against. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter. */
  random?: () => number;
}

type Pending = { index: number; id: string; body: string };
type Settled =
  | { index: number; sent: SentVisit }
  | { index: number; failed: FailedVisit };

const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'RequestThrottled',
  'KmsThrottled',
]);

/**
 * Sends visits in `SendMessageBatch` calls of up to ten and reports each
 * one as sent, with its message id, or failed.
 *
 * Each message is first checked with the processor's parser; an invalid
 * one fails as `InvalidVisit` and is not sent. Entries SQS refuses through
 * no fault of the sender, and whole calls that fail transiently, are
 * retried with exponential backoff and full jitter, up to `maxAttempts`
 * calls. Sender faults and non-transient errors are final. An entry is
 * reported sent only when SQS returned a message id for it.
 */
export async function sendVisitBatch(
  client: SQSClient,
  queueUrl: string,
  entries: readonly VisitBatchEntry[],
  options: SendVisitBatchOptions = {},
): Promise<VisitBatchResult> {
  assertUniqueIds(entries);
  const schema = resolveVisitSchema(options.now);
  const settled: Settled[] = [];
  const pending: Pending[] = [];
  entries.forEach(({ id, message }, index) => {
    const serialized = serializeVisitMessage(message, schema);
    if (serialized.success) {
      pending.push({ index, id, body: serialized.body });
      return;
    }
    const { field, reason } = serialized.rejection;
    const failed = { id, code: 'InvalidVisit', message: `${field}: ${reason}` };
    settled.push({ index, failed });
  });

  const groups = chunk(pending, MAX_BATCH_ENTRIES);
  const workers = Math.max(1, options.concurrency ?? 4);
  await Promise.all(
    Array.from({ length: Math.min(workers, groups.length) }, async () => {
      for (let group = groups.shift(); group; group = groups.shift()) {
        settled.push(...(await sendGroup(client, queueUrl, group, options)));
      }
    }),
  );

  settled.sort((a, b) => a.index - b.index);
  return {
    sent: settled.flatMap((entry) => ('sent' in entry ? [entry.sent] : [])),
    failed: settled.flatMap((entry) =>
      'failed' in entry ? [entry.failed] : [],
    ),
  };
}

async function sendGroup(
  client: SQSClient,
  queueUrl: string,
  group: Pending[],
  options: SendVisitBatchOptions,
): Promise<Settled[]> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const settled: Settled[] = [];
  const lastFailure = new Map<number, FailedVisit>();
  let pending = group;

  for (
    let attempt = 1;
    attempt <= maxAttempts && pending.length > 0;
    attempt++
  ) {
    if (attempt > 1)
      await (options.sleep ?? sleep)(backoff(attempt - 1, options));

    const retry: Pending[] = [];
    try {
      const output = await client.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          // Ids are positions in this call, since callers' ids need not fit
          // SQS's 80-character alphanumeric rule.
          Entries: pending.map((entry, position) => ({
            Id: String(position),
            MessageBody: entry.body,
          })),
        }),
      );
      const answered = new Set<number>();
      for (const result of output.Successful ?? []) {
        const entry = pending[Number(result.Id)];
        if (entry === undefined) continue;

        answered.add(entry.index);
        settled.push(readSuccess(entry, result));
      }
      for (const result of output.Failed ?? []) {
        const entry = pending[Number(result.Id)];
        if (entry === undefined || answered.has(entry.index)) continue;

        answered.add(entry.index);
        const failed = {
          id: entry.id,
          code: result.Code ?? 'UnknownError',
          message: result.Message ?? '',
        };
        if (result.SenderFault === true) {
          settled.push({ index: entry.index, failed });
        } else {
          lastFailure.set(entry.index, failed);
          retry.push(entry);
        }
      }
      for (const entry of pending) {
        if (answered.has(entry.index)) continue;

        lastFailure.set(entry.index, {
          id: entry.id,
          code: 'MissingResult',
          message: 'the batch answer did not name this entry',
        });
        retry.push(entry);
      }
    } catch (error) {
      const failure = describeError(error);
      for (const entry of pending) {
        lastFailure.set(entry.index, { id: entry.id, ...failure });
      }
      if (!isTransient(error)) break;
      retry.push(...pending);
    }
    pending = retry;
  }

  for (const entry of pending) {
    const failed = lastFailure.get(entry.index) ?? {
      id: entry.id,
      code: 'NotSent',
      message: 'no attempt was made',
    };
    settled.push({ index: entry.index, failed });
  }
  return settled;
}

function readSuccess(
  entry: Pending,
  result: SendMessageBatchResultEntry,
): Settled {
  if (result.MessageId === undefined || result.MessageId === '') {
    // Reported as failed and not resent: SQS may well hold the message.
    const message = 'SQS answered without a message id';
    return {
      index: entry.index,
      failed: { id: entry.id, code: 'MissingMessageId', message },
    };
  }

  return {
    index: entry.index,
    sent: { id: entry.id, messageId: result.MessageId },
  };
}

function isTransient(error: unknown): boolean {
  const sdk = error as {
    name?: string;
    $fault?: string;
    $retryable?: unknown;
    $metadata?: unknown;
  };
  if (sdk.$retryable !== undefined || sdk.$fault === 'server') return true;
  if (THROTTLING_CODES.has(sdk.name ?? '')) return true;

  // No service answer at all: a network error or timeout.
  return sdk.$metadata === undefined;
}

function describeError(error: unknown): Omit<FailedVisit, 'id'> {
  if (error instanceof Error)
    return { code: error.name, message: error.message };

  return { code: 'UnknownError', message: String(error) };
}

function backoff(retry: number, options: SendVisitBatchOptions): number {
  const base = options.baseDelayMs ?? 100;
  const ceiling = Math.min(options.maxDelayMs ?? 5000, base * 2 ** (retry - 1));

  return Math.floor((options.random ?? Math.random)() * ceiling);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function chunk<T>(items: T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    groups.push(items.slice(start, start + size));
  }

  return groups;
}

function assertUniqueIds(entries: readonly VisitBatchEntry[]): void {
  const ids = new Set(entries.map((entry) => entry.id));
  if (ids.size !== entries.length) {
    throw new RangeError('visit batch entry ids must be unique');
  }
}
