import type { SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from '../logger.ts';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';

/** Any function Lambda could run for an SQS event. */
export type SqsHandler = (event: SQSEvent, context: Context) => unknown;

/** What became of one batch, reported after its deletes are done. */
export interface BatchReport {
  records: readonly SQSRecord[];
  /** Records the handler reported as done; the worker deleted them. */
  acknowledged: readonly SQSRecord[];
  /** Records left in the queue, to come back after the visibility timeout. */
  failed: readonly SQSRecord[];
  /** Acknowledged records whose delete failed; they will come back. */
  deleteFailures: number;
  /** Set when the whole batch failed: thrown, timed out or malformed. */
  failureReason?: string;
}

/** How the worker reaches the queue and what it runs. */
export interface WorkerOptions {
  sqs: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  handler: SqsHandler;
  logger: Logger;
  functionName?: string;
  /** Records per invocation, 1 to 10,000; above 10 needs a batching window. */
  batchSize?: number;
  /** How long to gather records before invoking, 0 to 300 s. */
  batchingWindowSeconds?: number;
  /** Most invocations in flight at once. */
  maximumConcurrency?: number;
  /** Long-poll wait of each receive, 1 to 20 s. */
  waitTimeSeconds?: number;
  /** The function's timeout; a slower invocation fails its whole batch. */
  timeoutSeconds?: number;
  onBatch?: (report: BatchReport) => void;
}

/** The settings of a worker, all filled in and checked. */
export type WorkerSettings = Required<
  Pick<
    WorkerOptions,
    | 'functionName'
    | 'batchSize'
    | 'batchingWindowSeconds'
    | 'maximumConcurrency'
    | 'waitTimeSeconds'
    | 'timeoutSeconds'
  >
>;

/** A worker setting outside what Lambda's event source mapping accepts. */
export class WorkerOptionsError extends Error {
  override name = 'WorkerOptionsError';
  readonly setting: string;

  constructor(setting: string, rule: string) {
    super(`${setting} ${rule}`);
    this.setting = setting;
  }
}

/**
 * Fills in the pipeline defaults and checks each setting against the limits
 * of an SQS event source mapping; throws {@link WorkerOptionsError}.
 *
 * Lambda asks for a maximum concurrency of at least 2; one is allowed here
 * so a single local worker can run one batch at a time.
 */
export function readWorkerSettings(options: WorkerOptions): WorkerSettings {
  const settings: WorkerSettings = {
    functionName: options.functionName ?? 'traffic-processor',
    batchSize: options.batchSize ?? PIPELINE_DEFAULTS.batchSize,
    batchingWindowSeconds:
      options.batchingWindowSeconds ?? PIPELINE_DEFAULTS.batchingWindowSeconds,
    maximumConcurrency:
      options.maximumConcurrency ?? PIPELINE_DEFAULTS.maximumConcurrency,
    waitTimeSeconds:
      options.waitTimeSeconds ?? PIPELINE_DEFAULTS.receiveWaitTimeSeconds,
    timeoutSeconds:
      options.timeoutSeconds ?? PIPELINE_DEFAULTS.processorTimeoutSeconds,
  };

  checkRange('batchSize', settings.batchSize, 1, 10_000);
  checkRange('batchingWindowSeconds', settings.batchingWindowSeconds, 0, 300);
  checkRange('maximumConcurrency', settings.maximumConcurrency, 1, 1000);
  checkRange('waitTimeSeconds', settings.waitTimeSeconds, 1, 20);
  checkRange('timeoutSeconds', settings.timeoutSeconds, 1, 900);
  if (settings.batchSize > 10 && settings.batchingWindowSeconds < 1) {
    throw new WorkerOptionsError(
      'batchSize',
      'above 10 needs a batching window of at least 1 second',
    );
  }

  return settings;
}

function checkRange(setting: string, value: number, min: number, max: number) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new WorkerOptionsError(
      setting,
      `must be a whole number from ${min} to ${max}`,
    );
  }
}
