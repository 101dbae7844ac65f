import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DEFAULT_EMULATOR_PORT } from '../emulator/start-emulator.ts';
import { PIPELINE_DEFAULTS } from '../pipeline-defaults.ts';
import { SqsUnreachableError } from './sqs-unreachable-error.ts';

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
 * Emulator credentials are used for an endpoint on this machine whatever
 * the environment names, since an emulator takes any key and a profile
 * meant for AWS may not even load; for another non-AWS endpoint, only when
 * the environment names no key or profile of its own.
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

  return {
    endpoint,
    region,
    useEmulatorCredentials: isLoopbackEndpoint(endpoint) || !hasOwnCredentials,
  };
}

/**
 * Whether an endpoint names this machine: `localhost` or a name under it,
 * 127.0.0.0/8 or `[::1]`.
 */
export function isLoopbackEndpoint(endpoint: string): boolean {
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return false;
  }

  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127(?:\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * Builds an SQS client for a connection; the SDK keeps sockets alive.
 *
 * With an explicit endpoint, requests go there even when a queue URL names
 * another host, as LocalStack's queue URLs may, and a request that finds no
 * server there throws {@link SqsUnreachableError}.
 */
export function createSqsClient(connection: SqsConnection): SQSClient {
  const client = new SQSClient({
    region: connection.region,
    ...(connection.endpoint === undefined
      ? {}
      : { endpoint: connection.endpoint, useQueueUrlAsEndpoint: false }),
    ...(connection.useEmulatorCredentials
      ? { credentials: EMULATOR_CREDENTIALS }
      : {}),
  });
  const { endpoint } = connection;
  if (endpoint !== undefined) {
    client.middlewareStack.add(
      (next) => async (args) => {
        try {
          return await next(args);
        } catch (error) {
          if (!isConnectionFailure(error)) throw error;
          throw new SqsUnreachableError(endpoint, { cause: error });
        }
      },
      { step: 'initialize', name: 'explainUnreachableEndpoint' },
    );
  }

  return client;
}

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

const CONNECTION_FAILURE_TEXT = new RegExp(
  `(?:connect|getaddrinfo) (?:${[...CONNECTION_FAILURES].join('|')})\\b`,
);

function isConnectionFailure(error: unknown): boolean {
  const { code, errors, message } = (error ?? {}) as {
    code?: unknown;
    errors?: unknown;
    message?: unknown;
  };
  if (typeof code === 'string' && CONNECTION_FAILURES.has(code)) return true;
  // The SDK's retry step rewraps an error from another realm, code dropped.
  if (typeof message === 'string' && CONNECTION_FAILURE_TEXT.test(message)) {
    return true;
  }

  // Node tries each address of `localhost` and reports them together.
  return Array.isArray(errors) && errors.some(isConnectionFailure);
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
