import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  TRAFFIC_BIN,
  useTestEmulator,
  waitFor,
} from '../helpers/test-queues.ts';

jest.setTimeout(40_000);

// A handler slow enough for SIGTERM to land while batches are in flight; it
// appends the ids it acknowledges to a file once it is done with them.
const SLOW_HANDLER = `
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
export const handler = async (event) => {
  await sleep(400);
  const ids = event.Records.map((record) => record.messageId);
  appendFileSync(process.env.ACKNOWLEDGED_FILE, ids.map((id) => id + '\\n').join(''));
  return { batchItemFailures: [] };
};
`;

const readIds = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').filter(Boolean)
    : [];

describe('traffic process on SIGTERM', () => {
  const test = useTestEmulator();

  it('finishes its batches and leaves every message stored or in the queue', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs, {
      visibilityTimeoutSeconds: 30,
    });
    const bodies = Array.from({ length: 200 }, (_, i) => `visit ${i}`);
    const ids = await sendBodies(test.sqs, queues.queueUrl, bodies);
    const dir = mkdtempSync(join(tmpdir(), 'sigterm-'));
    const bundle = join(dir, 'slow-handler.mjs');
    const acknowledgedFile = join(dir, 'acknowledged.txt');
    writeFileSync(bundle, SLOW_HANDLER);
    const child = spawn(
      process.execPath,
      [
        TRAFFIC_BIN,
        'process',
        '--endpoint',
        test.emulator.endpoint,
        '--queue-url',
        queues.queueUrl,
        '--bundle',
        bundle,
        '--wait-time',
        '1',
        '--batching-window',
        '0',
        '--max-concurrency',
        '4',
      ],
      {
        env: {
          ...process.env,
          ACKNOWLEDGED_FILE: acknowledgedFile,
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitFor(() => readIds(acknowledgedFile).length > 0, {
      timeoutMs: 20_000,
    });

    // Act
    child.kill('SIGTERM');
    const code = await exited;

    // Assess
    expect(code).toBe(0);
    expect(await countMessages(test.sqs, queues.queueUrl)).toMatchObject({
      inFlight: 0,
    });
    const acknowledged = readIds(acknowledgedFile);
    const remaining = (await receiveAll(test.sqs, queues.queueUrl)).map(
      (message) => message.MessageId as string,
    );
    expect(new Set(acknowledged).size).toBe(acknowledged.length);
    expect(acknowledged.filter((id) => remaining.includes(id))).toEqual([]);
    expect([...acknowledged, ...remaining].sort()).toEqual([...ids].sort());
    expect(remaining.length).toBeGreaterThan(0);
    expect(await countMessages(test.sqs, queues.deadLetterQueueUrl)).toEqual({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
    const stopped = output
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line))
      .find((line) => line.message === 'worker stopped');
    expect(stopped).toMatchObject({ acknowledged: acknowledged.length });
  });
});
