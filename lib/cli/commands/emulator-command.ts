import { Command } from 'commander';
import { ensureTrafficQueues } from '../../emulator/ensure-traffic-queues.ts';
import {
  DEFAULT_EMULATOR_PORT,
  startEmulator,
} from '../../emulator/start-emulator.ts';
import { PIPELINE_DEFAULTS } from '../../pipeline-defaults.ts';
import { parseWholeNumber } from '../cli-options.ts';
import { exitGracefullyOnSignal } from '../shutdown-signals.ts';
import { createSqsClient } from '../sqs-connection.ts';

type EmulatorFlags = { port: number; visibilityTimeout: number };

/** `traffic emulator`: an SQS emulator with the pipeline's queues. */
export function createEmulatorCommand(): Command {
  return new Command('emulator')
    .description(
      'run an SQS emulator on 127.0.0.1 with the traffic queue and its DLQ',
    )
    .option(
      '--port <port>',
      'port to listen on (0 picks a free one)',
      parseWholeNumber(0),
      DEFAULT_EMULATOR_PORT,
    )
    .option(
      '--visibility-timeout <seconds>',
      "traffic queue's visibility timeout; a short one sends rejected messages to the DLQ in seconds",
      parseWholeNumber(0),
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
        [
          `SQS emulator listening on ${emulator.endpoint}`,
          `  traffic queue  ${queues.queueUrl}`,
          `  DLQ            ${queues.deadLetterQueueUrl}`,
          '',
          flags.port === DEFAULT_EMULATOR_PORT
            ? 'Other traffic commands reach it by default; for other tools:'
            : `Give other traffic commands --endpoint ${emulator.endpoint}; for other tools:`,
          `  export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_REGION=${PIPELINE_DEFAULTS.region}`,
          'Press Ctrl-C to stop.',
          '',
        ].join('\n'),
      );
      exitGracefullyOnSignal(async () => {
        sqs.destroy();
        await emulator.stop();
      });
    });
}
