import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_ENDPOINT,
  resolveConnection,
  resolveQueueUrl,
} from '../../lib/cli/sqs-connection.ts';
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

  it("keeps the environment's own credentials when it names some", () => {
    // Act
    const withKey = resolveConnection({}, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE' });
    const withProfile = resolveConnection({}, { AWS_PROFILE: 'dev' });

    // Assess
    expect(withKey.useEmulatorCredentials).toBe(false);
    expect(withProfile.useEmulatorCredentials).toBe(false);
  });

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
