import { type Command, InvalidArgumentError } from 'commander';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';

/** Flags naming the traffic queue and its DLQ. */
export interface QueueFlags {
  queueUrl?: string;
  queueName: string;
  dlqUrl?: string;
  dlqName: string;
}

/** Reads a whole number from `min` to `max`, for commander options. */
export function parseWholeNumber(min = 0, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(
        max === Number.MAX_SAFE_INTEGER
          ? `expected a whole number >= ${min}`
          : `expected a whole number from ${min} to ${max}`,
      );
    }

    return number;
  };
}

/** Adds `--endpoint`, `--region` and `--aws`. */
export function addConnectionOptions(command: Command): Command {
  return command
    .option(
      '--endpoint <url>',
      'SQS endpoint; default $AWS_ENDPOINT_URL_SQS, $AWS_ENDPOINT_URL, then the emulator at http://127.0.0.1:4566',
    )
    .option(
      '--region <region>',
      `AWS region; default $AWS_REGION, $AWS_DEFAULT_REGION, then ${PIPELINE_DEFAULTS.region}`,
    )
    .option(
      '--aws',
      'talk to AWS itself: the SDK resolves endpoint and credentials',
    );
}

/** Adds the options naming the traffic queue, and the DLQ when asked. */
export function addQueueOptions(
  command: Command,
  which: { queue?: boolean; dlq?: boolean },
): Command {
  if (which.queue === true) {
    command
      .option('--queue-url <url>', 'traffic queue URL; skips the name lookup')
      .option(
        '--queue-name <name>',
        'traffic queue name, looked up with GetQueueUrl',
        PIPELINE_DEFAULTS.queueName,
      );
  }
  if (which.dlq === true) {
    command
      .option('--dlq-url <url>', 'dead-letter queue URL; skips the lookup')
      .option(
        '--dlq-name <name>',
        'dead-letter queue name, looked up with GetQueueUrl',
        PIPELINE_DEFAULTS.deadLetterQueueName,
      );
  }

  return command;
}
