import { spawn, spawnSync } from 'node:child_process';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it, jest } from '@jest/globals';
import { suggestWorkerCommand } from '../../lib/cli/commands/emulator-command.ts';
import { createSqsClient } from '../../lib/cli/sqs-connection.ts';
import { PIPELINE_DEFAULTS } from '../../lib/pipeline-defaults.ts';
import { TRAFFIC_BIN, waitFor } from '../helpers/test-queues.ts';

jest.setTimeout(20_000);

describe('traffic emulator', () => {
  it('serves the traffic queues until SIGTERM, then exits 0', async () => {
    // Prepare
    const child = spawn(
      process.execPath,
      [TRAFFIC_BIN, 'emulator', '--port', '0', '--visibility-timeout', '2'],
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
    expect(output).toContain(
      `traffic process --batching-window 0 --timeout 2 --endpoint ${endpoint}`,
    );
    expect(await exited).toBe(0);
  });

  it('refuses a visibility timeout of 0 before starting', async () => {
    // Act
    const result = spawnSync(
      process.execPath,
      [TRAFFIC_BIN, 'emulator', '--port', '0', '--visibility-timeout', '0'],
      { encoding: 'utf8' },
    );

    // Assess
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('expected a whole number from 1 to 43200');
  });
});

describe('suggestWorkerCommand', () => {
  it("keeps the pipeline's worker settings when they fit", () => {
    // Act
    const command = suggestWorkerCommand(
      PIPELINE_DEFAULTS.visibilityTimeoutSeconds,
    );

    // Assess
    expect(command).toBe('traffic process');
  });

  it('drops the batching window and shortens the timeout for a 1 s queue', () => {
    // Act
    const command = suggestWorkerCommand(1);

    // Assess
    expect(command).toBe('traffic process --batching-window 0 --timeout 1');
  });
});
