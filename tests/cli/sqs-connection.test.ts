import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import {
  createSqsClient,
  DEFAULT_ENDPOINT,
  resolveConnection,
  resolveQueueUrl,
} from '../../lib/cli/sqs-connection.ts';
import { startEmulator } from '../../lib/emulator/start-emulator.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { createTestQueues, useTestEmulator } from '../helpers/test-queues.ts';

describe('resolveConnection', () => {
  it('falls back to the local emulator with emulator credentials', () => {
    // Act
    const connection = resolveConnection({}, {});

    // Assess
    expect(connection).toEqual({
      endpoint: DEFAULT_ENDPOINT,
      region: PIPELINE_DEFAULTS.region,
      useEmulatorCredentials: true,
    });
  });

  it('prefers the SQS endpoint variable to the general one', () => {
    // Act
    const connection = resolveConnection(
      {},
      {
        AWS_ENDPOINT_URL: 'http://general:4566',
        AWS_ENDPOINT_URL_SQS: 'http://sqs-only:4566',
        AWS_REGION: 'eu-west-1',
      },
    );

    // Assess
    expect(connection.endpoint).toBe('http://sqs-only:4566');
    expect(connection.region).toBe('eu-west-1');
  });

  it('lets flags win over the environment', () => {
    // Act
    const connection = resolveConnection(
      { endpoint: 'http://flag:1', region: 'ap-south-1' },
      { AWS_ENDPOINT_URL: 'http://env:2', AWS_REGION: 'eu-west-1' },
    );

    // Assess
    expect(connection.endpoint).toBe('http://flag:1');
    expect(connection.region).toBe('ap-south-1');
  });

  it("keeps the environment's own credentials for an endpoint elsewhere", () => {
    // Prepare
    const endpoint = 'http://localstack:4566';

    // Act
    const withKey = resolveConnection(
      { endpoint },
      { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' },
    );
    const withProfile = resolveConnection({ endpoint }, { AWS_PROFILE: 'dev' });

    // Assess
    expect(withKey.useEmulatorCredentials).toBe(false);
    expect(withProfile.useEmulatorCredentials).toBe(false);
  });

  it.each([
    DEFAULT_ENDPOINT,
    'http://localhost:4566',
    'http://127.0.0.2:9324',
    'http://[::1]:4566',
    'http://sqs.us-east-1.localhost:4566',
  ])(
    'uses emulator credentials at %s whatever the environment names',
    (endpoint) => {
      // Act
      const connection = resolveConnection(
        { endpoint },
        { AWS_PROFILE: 'nope', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' },
      );

      // Assess
      expect(connection.useEmulatorCredentials).toBe(true);
    },
  );

  it('leaves endpoint and credentials to the SDK for AWS', () => {
    // Act
    const connection = resolveConnection(
      { aws: true },
      { AWS_DEFAULT_REGION: 'us-west-2' },
    );

    // Assess
    expect(connection).toEqual({
      region: 'us-west-2',
      useEmulatorCredentials: false,
    });
  });
});

describe('resolveQueueUrl', () => {
  const test = useTestEmulator();

  it('looks a queue up by name', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const queueName = queues.queueUrl.split('/').at(-1) as string;

    // Act
    const url = await resolveQueueUrl(test.sqs, { queueName });

    // Assess
    expect(url).toBe(queues.queueUrl);
  });

  it('takes a given URL without asking SQS', async () => {
    // Act
    const url = await resolveQueueUrl(test.sqs, {
      queueUrl: 'http://elsewhere/1/q',
      queueName: 'does-not-exist',
    });

    // Assess
    expect(url).toBe('http://elsewhere/1/q');
  });

  it('fails for an unknown queue name', async () => {
    // Act
    const lookup = resolveQueueUrl(test.sqs, { queueName: 'no-such-queue' });

    // Assess
    await expect(lookup).rejects.toThrow();
  });
});

describe('createSqsClient', () => {
  it('names the endpoint and what to do when no server answers there', async () => {
    // Prepare
    const emulator = await startEmulator({ port: 0 });
    await emulator.stop();
    const sqs = createSqsClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      useEmulatorCredentials: true,
    });

    // Act
    const listing = sqs.send(new ListQueuesCommand({}));

    // Assess
    await expect(listing).rejects.toMatchObject({
      name: 'SqsUnreachableError',
      message:
        `no SQS at ${emulator.endpoint}: start \`traffic emulator\`, ` +
        'or pass --endpoint or --aws',
      cause: expect.objectContaining({
        message: expect.stringContaining('ECONNREFUSED'),
      }),
    });
    sqs.destroy();
  });

  it('passes SQS errors through unchanged', async () => {
    // Prepare
    const emulator = await startEmulator({ port: 0 });
    const sqs = createSqsClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      useEmulatorCredentials: true,
    });

    // Act
    const lookup = resolveQueueUrl(sqs, { queueName: 'no-such-queue' });

    // Assess
    await expect(lookup).rejects.toMatchObject({
      name: expect.stringContaining('QueueDoesNotExist'),
    });
    sqs.destroy();
    await emulator.stop();
  });
});
