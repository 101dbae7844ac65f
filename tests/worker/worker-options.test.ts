import type { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { createLogger } from '../../lib/logger.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import {
  readWorkerSettings,
  type WorkerOptions,
  WorkerOptionsError,
} from '../../lib/worker/worker-options.ts';

const BASE: WorkerOptions = {
  sqs: {} as SQSClient,
  queueUrl: 'http://127.0.0.1/000000000000/q',
  queueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
  region: 'us-east-1',
  handler: () => undefined,
  logger: createLogger({ service: 'test', level: 'silent' }),
};

describe('readWorkerSettings', () => {
  it('takes the pipeline defaults', () => {
    // Act
    const settings = readWorkerSettings(BASE);

    // Assess
    expect(settings).toEqual({
      functionName: 'traffic-processor',
      batchSize: PIPELINE_DEFAULTS.batchSize,
      batchingWindowSeconds: PIPELINE_DEFAULTS.batchingWindowSeconds,
      maximumConcurrency: PIPELINE_DEFAULTS.maximumConcurrency,
      waitTimeSeconds: PIPELINE_DEFAULTS.receiveWaitTimeSeconds,
      timeoutSeconds: PIPELINE_DEFAULTS.processorTimeoutSeconds,
    });
  });

  it.each([
    ['batchSize', { batchSize: 0 }],
    ['batchSize', { batchSize: 10_001 }],
    ['batchSize', { batchSize: 11, batchingWindowSeconds: 0 }],
    ['batchingWindowSeconds', { batchingWindowSeconds: 301 }],
    ['maximumConcurrency', { maximumConcurrency: 0 }],
    ['waitTimeSeconds', { waitTimeSeconds: 0 }],
    ['waitTimeSeconds', { waitTimeSeconds: 21 }],
    ['timeoutSeconds', { timeoutSeconds: 1.5 }],
  ])('refuses a bad %s', (setting, override) => {
    // Act
    const read = () => readWorkerSettings({ ...BASE, ...override });

    // Assess
    expect(read).toThrow(WorkerOptionsError);
    expect(read).toThrow(expect.objectContaining({ setting }));
  });

  it('accepts a large batch with a batching window', () => {
    // Act
    const settings = readWorkerSettings({
      ...BASE,
      batchSize: 100,
      batchingWindowSeconds: 1,
    });

    // Assess
    expect(settings.batchSize).toBe(100);
  });
});
