import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it } from '@jest/globals';
import { createSqsClient } from '../../lib/cli/sqs-connection.ts';
import { startEmulator } from '../../lib/emulator/start-emulator.ts';

describe('startEmulator', () => {
  it('serves SQS on a loopback port', async () => {
    // Prepare
    const emulator = await startEmulator({ port: 0 });
    const sqs = createSqsClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      useEmulatorCredentials: true,
    });

    // Act
    const answer = await sqs.send(new ListQueuesCommand({}));

    // Assess
    expect(emulator.endpoint).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.port).toBeGreaterThan(0);
    expect(answer.QueueUrls ?? []).toEqual([]);
    sqs.destroy();
    await emulator.stop();
  });

  it('stops accepting connections once stopped', async () => {
    // Prepare
    const emulator = await startEmulator({ port: 0 });
    const sqs = createSqsClient({
      endpoint: emulator.endpoint,
      region: 'us-east-1',
      useEmulatorCredentials: true,
    });

    // Act
    await emulator.stop();

    // Assess
    await expect(sqs.send(new ListQueuesCommand({}))).rejects.toThrow();
    sqs.destroy();
  });
});

describe('startEmulator on a port it cannot take', () => {
  it('names the port in use and how to pick another', async () => {
    // Prepare
    const first = await startEmulator({ port: 0 });

    // Act
    const second = startEmulator({ port: first.port });

    // Assess
    await expect(second).rejects.toThrow(
      `port ${first.port} is in use: stop what holds it, or pass --port 0`,
    );
    await expect(second).rejects.toMatchObject({
      name: 'EmulatorListenError',
      port: first.port,
      cause: expect.objectContaining({ code: 'EADDRINUSE' }),
    });
    await first.stop();
  });
});
