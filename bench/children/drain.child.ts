import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { Consumer } from 'sqs-consumer';
import { connect } from '../../lib/cli/commands/connect.ts';
import { sendMessageBodies } from '../../lib/cli/send-message-bodies.ts';
import { createSqsClient } from '../../lib/cli/sqs-connection.ts';
import { ensureTrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import { createLogger } from '../../lib/logger.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { createLambdaContext } from '../../lib/worker/lambda-context.ts';
import { loadHandler } from '../../lib/worker/load-handler.ts';
import { startWorker } from '../../lib/worker/start-worker.ts';
import {
  type ReceivedMessage,
  toLambdaRecord,
} from '../../lib/worker/to-lambda-record.ts';
import {
  buildBurstBodies,
  isInvalidInBurst,
} from '../events/build-sqs-event.ts';

/** One drain: who consumes, how many batches at once, and how much. */
export interface DrainRequest {
  consumer: 'worker' | 'sqs-consumer';
  concurrency: number;
  endpoint: string;
  messages: number;
  timeoutSeconds: number;
}

/** What one drain measured. */
export interface DrainReport {
  sent: number;
  sendMs: number;
  /** From the consumer's start to the last valid message stored. */
  validMs: number;
  /** From the consumer's start to stored + DLQ == sent. */
  drainMs: number;
  stored: number;
  deadLettered: number;
  lost: number;
  /** Stored ids that were invalid messages: must be 0. */
  storedInvalid: number;
  /** CPU time of this process while draining, per message sent. */
  cpuUsPerMessage: number;
  /** Time spent inside the processor's handler, per message sent. */
  handlerUsPerMessage: number;
  /** SQS requests made while draining, by command, per 1,000 messages. */
  requestsPerThousand: Record<string, number>;
}

const SEND_CONCURRENCY = 8;
const CHECK_INTERVAL_MS = 100;
const REGION = PIPELINE_DEFAULTS.region;

/**
 * Sends a burst to fresh queues on the emulator, then drains it with the
 * traffic worker or with plain sqs-consumer instances, both running the
 * processor bundle, and prints a {@link DrainReport} as the last line.
 * Usage: `drain.child.ts '<DrainRequest as JSON>'`.
 */
const request = JSON.parse(process.argv[2] ?? '{}') as DrainRequest;
// The client `traffic process` builds from `--endpoint`.
const { sqs } = connect({ endpoint: request.endpoint, region: REGION });
// The harness watches the DLQ with its own client, so its requests are not
// counted as the consumer's.
const monitor = createSqsClient({
  endpoint: request.endpoint,
  region: REGION,
  useEmulatorCredentials: true,
});
const suffix = randomUUID().slice(0, 8);
const queues = await ensureTrafficQueues(sqs, {
  queueName: `bench-queue-${suffix}`,
  deadLetterQueueName: `bench-dlq-${suffix}`,
  visibilityTimeoutSeconds: 1,
  maxReceiveCount: 5,
});

const sendStart = Date.now();
const bodies = buildBurstBodies(request.messages, Date.now());
const { valid, invalid } = await sendBurst(sqs, queues.queueUrl, bodies);
const sendMs = Date.now() - sendStart;

const requests: Record<string, number> = {};
sqs.middlewareStack.add(
  (next, context) => (args) => {
    const command = context.commandName ?? 'unknown';
    requests[command] = (requests[command] ?? 0) + 1;
    return next(args);
  },
  { step: 'initialize', name: 'countBenchRequests' },
);

const processor = await loadHandler();
const stored = new Set<string>();
let validDoneAt: number | undefined;
let handlerNs = 0n;
const handler = async (event: SQSEvent, context: unknown) => {
  const started = process.hrtime.bigint();
  const response = (await processor(
    event,
    context as never,
  )) as SQSBatchResponse;
  handlerNs += process.hrtime.bigint() - started;
  const failed = new Set(
    response.batchItemFailures.map((f) => f.itemIdentifier),
  );
  for (const record of event.Records) {
    if (!failed.has(record.messageId)) stored.add(record.messageId);
  }
  if (validDoneAt === undefined && stored.size >= valid.size) {
    validDoneAt = Date.now();
  }

  return response;
};

for (const command of Object.keys(requests)) delete requests[command];
const cpuAtStart = process.cpuUsage();
const start = Date.now();
startConsumers(handler);

let deadLettered = 0;
const deadline = start + request.timeoutSeconds * 1000;
while (Date.now() < deadline) {
  deadLettered = await countVisible(monitor, queues.deadLetterQueueUrl);
  if (stored.size + deadLettered >= bodies.length) break;
  await sleep(CHECK_INTERVAL_MS);
}
const drainMs = Date.now() - start;
const cpu = process.cpuUsage(cpuAtStart);

const report: DrainReport = {
  sent: bodies.length,
  sendMs,
  validMs: (validDoneAt ?? Date.now()) - start,
  drainMs,
  stored: stored.size,
  deadLettered,
  lost: bodies.length - stored.size - deadLettered,
  storedInvalid: [...stored].filter((id) => invalid.has(id)).length,
  cpuUsPerMessage: (cpu.user + cpu.system) / bodies.length,
  handlerUsPerMessage: Number(handlerNs) / 1000 / bodies.length,
  requestsPerThousand: Object.fromEntries(
    Object.entries(requests).map(([command, count]) => [
      command,
      Math.round((count / bodies.length) * 1000),
    ]),
  ),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
// The consumers may sit in a long poll; the figures are already out, and
// the emulator, with its queues, stops with the benchmark.
process.exit(0);

function startConsumers(
  handle: (event: SQSEvent, context: unknown) => Promise<SQSBatchResponse>,
) {
  const logger = createLogger({
    service: 'bench-drain',
    level: 'error',
    write: (line) => process.stderr.write(`${line}\n`),
  });

  if (request.consumer === 'worker') {
    startWorker({
      sqs,
      queueUrl: queues.queueUrl,
      queueArn: queues.queueArn,
      region: REGION,
      handler: handle,
      logger,
      maximumConcurrency: request.concurrency,
      // The settings `traffic emulator --visibility-timeout 1` prints: no
      // window, and invocations shorter than the visibility timeout, as
      // sqs-consumer runs them.
      batchingWindowSeconds: 0,
      timeoutSeconds: 1,
    });
    return;
  }

  const source = { queueArn: queues.queueArn, region: REGION };
  for (let i = 0; i < request.concurrency; i++) {
    const consumer = Consumer.create({
      queueUrl: queues.queueUrl,
      sqs,
      batchSize: PIPELINE_DEFAULTS.batchSize,
      attributeNames: ['All'],
      messageSystemAttributeNames: ['All'],
      messageAttributeNames: ['All'],
      handleMessageBatch: async (messages) => {
        const records = messages.map((message) =>
          toLambdaRecord(message as ReceivedMessage, source),
        );
        const context = createLambdaContext({
          functionName: 'traffic-processor',
          region: REGION,
          accountId: '000000000000',
          timeoutMs: PIPELINE_DEFAULTS.processorTimeoutSeconds * 1000,
        });
        const response = await handle({ Records: records }, context);
        const failed = new Set(
          response.batchItemFailures.map((f) => f.itemIdentifier),
        );
        return messages.filter(
          (message) => !failed.has(message.MessageId ?? ''),
        );
      },
    });
    consumer.on('error', (error) => logger.error('consumer error', { error }));
    consumer.on('processing_error', (error) =>
      logger.error('processing error', { error }),
    );
    consumer.start();
  }
}

async function sendBurst(
  client: SQSClient,
  queueUrl: string,
  burst: readonly string[],
) {
  const { messageIds, failed } = await sendMessageBodies(
    client,
    queueUrl,
    burst,
    { concurrency: SEND_CONCURRENCY },
  );
  if (failed.length > 0) throw new Error(`send failed: ${failed[0]?.code}`);

  const valid = new Set<string>();
  const invalid = new Set<string>();
  for (const [index, id] of messageIds.entries()) {
    (isInvalidInBurst(index) ? invalid : valid).add(id ?? '');
  }

  return { valid, invalid };
}

async function countVisible(client: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await client.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages'],
    }),
  );

  return Number(Attributes.ApproximateNumberOfMessages ?? 0);
}
