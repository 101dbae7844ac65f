import { type Command, InvalidArgumentError, Option } from 'commander';
import { readSiteHost } from '../agent/site-host.ts';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';
import { STORAGE_ADAPTERS } from '../storage/create-visit-store.ts';

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
      'SQS endpoint; default $AWS_ENDPOINT_URL_SQS, $AWS_ENDPOINT_URL, ' +
        'then the emulator at http://127.0.0.1:4566',
    )
    .option(
      '--region <region>',
      'AWS region; default $AWS_REGION, $AWS_DEFAULT_REGION, ' +
        `then ${PIPELINE_DEFAULTS.region}`,
    )
    .option(
      '--aws',
      'talk to AWS itself: the SDK resolves endpoint and credentials',
    );
}

/** `--storage`: the processor's `STORAGE_ADAPTER`, also read from there. */
export function createStorageOption(): Option {
  return new Option('--storage <adapter>', 'STORAGE_ADAPTER for the processor')
    .choices(Object.keys(STORAGE_ADAPTERS))
    .env('STORAGE_ADAPTER')
    .default(PIPELINE_DEFAULTS.storageAdapter);
}

/**
 * Reads `--site`: one or more hosts (or URLs), comma-separated. Refuses an
 * empty list and anything that names no host, which would otherwise refuse
 * every line of a replay.
 */
export function parseSiteHosts(value: string): string[] {
  const hosts = value
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '');
  if (hosts.length === 0) {
    throw new InvalidArgumentError(
      'expected one or more hosts, comma-separated',
    );
  }
  for (const host of hosts) {
    const read = readSiteHost(host);
    if (typeof read !== 'string') {
      throw new InvalidArgumentError(
        `${host} is no site host (${read.rejection})`,
      );
    }
  }

  return hosts;
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
