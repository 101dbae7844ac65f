import { spawnSync } from 'node:child_process';
import { describe, expect, it, jest } from '@jest/globals';
import {
  loadHandler,
  PROCESSOR_BUNDLE,
} from '../../lib/worker/load-handler.ts';
import type { BatchReport } from '../../lib/worker/worker-options.ts';
import {
  createTestQueues,
  receiveAll,
  sendBodies,
  TRAFFIC_BIN,
  useTestEmulator,
} from '../helpers/test-queues.ts';
import { startTestWorker, waitForDeadLetters } from '../helpers/test-worker.ts';

jest.setTimeout(60_000);

describe('the built processor bundle', () => {
  const test = useTestEmulator();

  it('stores valid visits and dead-letters invalid ones behind the worker', async () => {
    // Prepare
    process.env.STORAGE_ADAPTER = 'mysql';
    process.env.LOG_LEVEL = 'silent';
    const handler = await loadHandler(PROCESSOR_BUNDLE);
    const queues = await createTestQueues(test.sqs, { maxReceiveCount: 2 });
    const now = Date.now();
    const ids = await sendBodies(test.sqs, queues.queueUrl, [
      JSON.stringify({ type: 'direct', created_at: now, ip: '192.0.2.9' }),
      JSON.stringify({ type: 'referrer', created_at: now, url: 'example.org' }),
      JSON.stringify({ type: 'direct', created_at: now / 1000 }),
    ]);
    const acknowledged = new Set<string>();

    // Act
    const worker = startTestWorker(test.sqs, queues, handler, {
      onBatch: (report: BatchReport) => {
        for (const record of report.acknowledged)
          acknowledged.add(record.messageId);
      },
    });
    await waitForDeadLetters(test.sqs, queues.deadLetterQueueUrl, 1);
    await worker.stop();

    // Assess
    expect([...acknowledged].sort()).toEqual([ids[0], ids[1]].sort());
    const dead = await receiveAll(test.sqs, queues.deadLetterQueueUrl);
    expect(dead.map((message) => message.MessageId)).toEqual([ids[2]]);
  });

  it('runs the demo from the command line with stored + DLQ = sent', () => {
    // Act
    const result = spawnSync(
      process.execPath,
      [TRAFFIC_BIN, 'demo', '--invalid', '8', '--json', '--verbose'],
      { encoding: 'utf8', env: { ...process.env, LOG_LEVEL: 'info' } },
    );

    // Assess
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({
      sent: 1044 + 8,
      invalidSent: 8,
      stored: { direct: 1001, referrer: 43 },
      deadLettered: 8,
      drained: true,
      balanced: true,
    });
    const logged = result.stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
    expect(
      logged.filter((line) => line.message === 'record rejected'),
    ).not.toHaveLength(0);
    expect(logged.filter((line) => line.level === 'warn')).toEqual(
      logged.filter((line) => line.message === 'record rejected'),
    );
  });
});
