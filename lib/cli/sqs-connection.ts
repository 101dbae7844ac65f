import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_EMULATOR_PORT } from '../emulator/start-emulator.ts';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';

/** Where the CLI talks to SQS when nothing else is said: the emulator. */
export const DEFAULT_ENDPOINT = `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`;

// Emulators accept any key; LocalStack's documentation uses these.
const EMULATOR_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface ConnectionFlags {
  endpoint?: string;
  region?: string;
  /** Use the SDK's own endpoint and credential resolution (real AWS). */
  aws?: boolean;
}

/** How to reach SQS: an endpoint (absent for AWS), a region, credentials. */
export interface SqsConnection {
  endpoint?: string;
  region: string;
  useEmulatorCredentials: boolean;
}

/**
 * Resolves the SQS endpoint and region from flags and the standard AWS
 * environment variables, falling back to the local emulator.
 *
 * Emulator credentials are used only for a non-AWS endpoint when the
 * environment names no key or profile of its own.
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: NodeJS.ProcessEnv = process.env,
): SqsConnection {
  const region =
    flags.region ??
    env.AWS_REGION ??
    env.AWS_DEFAULT_REGION ??
    PIPELINE_DEFAULTS.region;
  if (flags.aws === true) {
    return { region, useEmulatorCredentials: false };
  }

  const endpoint =
    flags.endpoint ??
    env.AWS_ENDPOINT_URL_SQS ??
    env.AWS_ENDPOINT_URL ??
    DEFAULT_ENDPOINT;
  const hasOwnCredentials =
    env.AWS_ACCESS_KEY_ID !== undefined || env.AWS_PROFILE !== undefined;

  return { endpoint, region, useEmulatorCredentials: !hasOwnCredentials };
}

/**
 * Builds an SQS client for a connection; the SDK keeps sockets alive.
 *
 * With an explicit endpoint, requests go there even when a queue URL names
 * another host, as LocalStack's queue URLs may.
 */
export function createSqsClient(connection: SqsConnection): SQSClient {
  return new SQSClient({
    region: connection.region,
    ...(connection.endpoint === undefined
      ? {}
      : { endpoint: connection.endpoint, useQueueUrlAsEndpoint: false }),
    ...(connection.useEmulatorCredentials
      ? { credentials: EMULATOR_CREDENTIALS }
      : {}),
  });
}

/** Returns `queueUrl` when given, else looks the queue up by name. */
export async function resolveQueueUrl(
  sqs: SQSClient,
  { queueUrl, queueName }: { queueUrl?: string; queueName: string },
): Promise<string> {
  if (queueUrl !== undefined) return queueUrl;

  const { QueueUrl } = await sqs.send(
    new GetQueueUrlCommand({ QueueName: queueName }),
  );
  if (QueueUrl === undefined) throw new Error(`no URL for queue ${queueName}`);

  return QueueUrl;
}
