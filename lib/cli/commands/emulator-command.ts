import { Command } from 'commander';
import {
  ensureTrafficQueues,
  type TrafficQueues,
} from '../../emulator/ensure-traffic-queues.ts';
import {
  DEFAULT_EMULATOR_PORT,
  startEmulator,
} from '../../emulator/start-emulator.ts';
import { PIPELINE_DEFAULTS } from '../../pipeline-defaults.ts';
import { fitWorkerToVisibility } from '../../worker/warn-on-short-visibility.ts';
import { parseWholeNumber } from '../cli-options.ts';
import { exitGracefullyOnSignal } from '../shutdown-signals.ts';
import { createSqsClient } from '../sqs-connection.ts';

type EmulatorFlags = { port: number; visibilityTimeout: number };

// The longest visibility timeout SQS accepts: 12 hours.
const MAX_VISIBILITY_TIMEOUT_SECONDS = 43_200;

/** `traffic emulator`: an SQS emulator with the pipeline's queues. */
export function createEmulatorCommand(): Command {
  return new Command('emulator')
    .description(
      'run an SQS emulator on 127.0.0.1 with the traffic queue and its DLQ',
    )
    .option(
      '--port <port>',
      'port to listen on (0 picks a free one)',
      parseWholeNumber(0, 65_535),
      DEFAULT_EMULATOR_PORT,
    )
    .option(
      '--visibility-timeout <seconds>',
      "traffic queue's visibility timeout; a short one sends rejected " +
        'messages to the DLQ in seconds',
      parseWholeNumber(1, MAX_VISIBILITY_TIMEOUT_SECONDS),
      PIPELINE_DEFAULTS.visibilityTimeoutSeconds,
    )
    .action(async (flags: EmulatorFlags) => {
      const emulator = await startEmulator({ port: flags.port });
      const sqs = createSqsClient({
        endpoint: emulator.endpoint,
        region: PIPELINE_DEFAULTS.region,
        useEmulatorCredentials: true,
      });
      const queues = await ensureTrafficQueues(sqs, {
        visibilityTimeoutSeconds: flags.visibilityTimeout,
      });

      process.stdout.write(
        `${describeEmulator(emulator.endpoint, queues, flags).join('\n')}\n`,
      );
      exitGracefullyOnSignal(async () => {
        sqs.destroy();
        await emulator.stop();
      });
    });
}

/** The lines telling a user where the emulator is and how to use it. */
function describeEmulator(
  endpoint: string,
  queues: TrafficQueues,
  flags: EmulatorFlags,
): string[] {
  const onDefaultPort = flags.port === DEFAULT_EMULATOR_PORT;
  const worker = suggestWorkerCommand(
    flags.visibilityTimeout,
    onDefaultPort ? undefined : endpoint,
  );
  const { region } = PIPELINE_DEFAULTS;

  return [
    `SQS emulator listening on ${endpoint}`,
    `  traffic queue  ${queues.queueUrl}`,
    `  DLQ            ${queues.deadLetterQueueUrl}`,
    '',
    'Run the worker with settings that fit the visibility timeout:',
    `  ${worker}`,
    onDefaultPort
      ? 'Other traffic commands reach it by default; for other tools:'
      : `Give other traffic commands --endpoint ${endpoint}; other tools:`,
    `  export AWS_ENDPOINT_URL=${endpoint} AWS_REGION=${region}`,
    'Press Ctrl-C to stop.',
  ];
}

/**
 * The `traffic process` command line for a queue with this visibility
 * timeout: the pipeline's worker settings when they fit, else a batching
 * window of 0 and a function timeout equal to the visibility timeout.
 */
export function suggestWorkerCommand(
  visibilityTimeoutSeconds: number,
  endpoint?: string,
): string {
  const fit = fitWorkerToVisibility(visibilityTimeoutSeconds, {
    batchSize: PIPELINE_DEFAULTS.batchSize,
    batchingWindowSeconds: PIPELINE_DEFAULTS.batchingWindowSeconds,
    timeoutSeconds: PIPELINE_DEFAULTS.processorTimeoutSeconds,
  });
  const words = ['traffic process'];
  if (!fit.fits && fit.worker !== undefined) {
    words.push(
      `--batching-window ${fit.worker.batchingWindowSeconds}`,
      `--timeout ${fit.worker.timeoutSeconds}`,
    );
  }
  if (endpoint !== undefined) words.push(`--endpoint ${endpoint}`);

  return words.join(' ');
}
