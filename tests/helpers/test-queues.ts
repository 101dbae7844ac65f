import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll } from '@jest/globals';
import { sendMessageBodies } from '../../lib/cli/send-message-bodies.ts';
import { createSqsClient } from '../../lib/cli/sqs-connection.ts';
import {
  ensureTrafficQueues,
  type TrafficQueueOptions,
  type TrafficQueues,
} from '../../lib/emulator/ensure-traffic-queues.ts';
import {
  type Emulator,
  startEmulator,
} from '../../lib/emulator/start-emulator.ts';

/** The `traffic` command, to run in a child process. */
export const TRAFFIC_BIN = fileURLToPath(
  new URL('../../bin/traffic.ts', import.meta.url),
);

/** An emulator on a free loopback port and a client for it. */
export interface TestEmulator {
  emulator: Emulator;
  sqs: SQSClient;
  stop(): Promise<void>;
}

/**
 * Starts an emulator before the tests of the calling file and stops it after
 * them; the returned object reaches whichever emulator is running.
 */
export function useTestEmulator(): TestEmulator {
  let current: TestEmulator | undefined;
  const running = () => {
    if (current === undefined) throw new Error('emulator not started yet');
    return current;
  };

  beforeAll(async () => {
    current = await startTestEmulator();
  });
  afterAll(() => current?.stop());

  return {
    get emulator() {
      return running().emulator;
    },
    get sqs() {
      return running().sqs;
    },
    stop: () => running().stop(),
  };
}

/** Starts the embedded SQS emulator for one test file. */
export async function startTestEmulator(): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0 });
  const sqs = createSqsClient({
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    useEmulatorCredentials: true,
  });

  return {
    emulator,
    sqs,
    stop: async () => {
      sqs.destroy();
      await emulator.stop();
    },
  };
}

/**
 * Creates a traffic queue and DLQ with names no other test uses and, unless
 * told otherwise, a one-second visibility timeout.
 */
export function createTestQueues(
  sqs: SQSClient,
  options: TrafficQueueOptions = {},
): Promise<TrafficQueues> {
  const suffix = randomUUID().slice(0, 8);

  return ensureTrafficQueues(sqs, {
    queueName: `traffic-queue-${suffix}`,
    deadLetterQueueName: `traffic-dlq-${suffix}`,
    visibilityTimeoutSeconds: 1,
    ...options,
  });
}

/** Sends raw bodies; returns the message ids in order, or throws. */
export async function sendBodies(
  sqs: SQSClient,
  queueUrl: string,
  bodies: readonly string[],
): Promise<string[]> {
  const { messageIds, failed } = await sendMessageBodies(sqs, queueUrl, bodies);
  if (failed.length > 0) throw new Error(`send failed: ${failed[0]?.code}`);

  return messageIds as string[];
}

/** Message counts of a queue: visible, in flight and delayed. */
export async function countMessages(
  sqs: SQSClient,
  queueUrl: string,
): Promise<{ visible: number; inFlight: number; delayed: number }> {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );

  return {
    visible: Number(Attributes.ApproximateNumberOfMessages),
    inFlight: Number(Attributes.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(Attributes.ApproximateNumberOfMessagesDelayed),
  };
}

/** Receives every message in a queue (hiding them for a minute). */
export async function receiveAll(sqs: SQSClient, queueUrl: string) {
  const messages = [];
  for (;;) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 60,
        WaitTimeSeconds: 0,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) return messages;
    messages.push(...Messages);
  }
}

/** Polls `check` until it returns true; throws after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, intervalMs = 50 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(intervalMs);
  }
}
