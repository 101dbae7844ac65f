import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it, jest } from '@jest/globals';
import { createSqsClient } from '../../lib/cli/sqs-connection.ts';
import { waitFor } from '../helpers/test-queues.ts';

jest.setTimeout(20_000);

const BIN = fileURLToPath(new URL('../../bin/traffic.ts', import.meta.url));

describe('traffic emulator', () => {
  it('serves the traffic queues until SIGTERM, then exits 0', async () => {
    // Prepare
    const child = spawn(
      process.execPath,
      [BIN, 'emulator', '--port', '0', '--visibility-timeout', '2'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitFor(() => output.includes('Press Ctrl-C'), { timeoutMs: 15_000 });
    const endpoint = /listening on (\S+)/.exec(output)?.[1] as string;
    const queueUrl = /traffic queue\s+(\S+)/.exec(output)?.[1] as string;
    const sqs = createSqsClient({
      endpoint,
      region: 'us-east-1',
      useEmulatorCredentials: true,
    });

    // Act
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'],
      }),
    );
    sqs.destroy();
    child.kill('SIGTERM');

    // Assess
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Attributes?.VisibilityTimeout).toBe('2');
    expect(Attributes?.RedrivePolicy).toContain('traffic-dlq');
    expect(await exited).toBe(0);
  });
});
