import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, jest } from '@jest/globals';
import {
  countMessages,
  createTestQueues,
  TRAFFIC_BIN,
  useTestEmulator,
  waitFor,
} from '../helpers/test-queues.ts';

jest.setTimeout(40_000);

const LINES = 100_000;

function writeLargeLog(): string {
  const time = '[17/May/2015:10:05:03 +0000]';
  const lines = Array.from(
    { length: LINES },
    (_, i) =>
      `192.0.${(i >> 8) & 255}.${i & 255} - - ${time} "GET / HTTP/1.1" 200 1 "-" "ua"`,
  );
  const path = join(mkdtempSync(join(tmpdir(), 'interrupt-')), 'access.log');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('traffic replay on Ctrl-C', () => {
  const test = useTestEmulator();

  it('stops reading, prints what it sent so far and exits 130', async () => {
    // Prepare
    const queues = await createTestQueues(test.sqs);
    const log = writeLargeLog();
    const child = spawn(
      process.execPath,
      [
        TRAFFIC_BIN,
        'replay',
        log,
        '--site',
        'site.test',
        '--json',
        '--endpoint',
        test.emulator.endpoint,
        '--queue-url',
        queues.queueUrl,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitFor(
      async () => (await countMessages(test.sqs, queues.queueUrl)).visible > 0,
    );

    // Act
    child.kill('SIGINT');
    const code = await exited;

    // Assess
    expect(code).toBe(130);
    const summary = JSON.parse(stdout);
    expect(summary.interrupted).toBe(true);
    expect(summary.lines).toBeLessThan(LINES);
    const queued = await countMessages(test.sqs, queues.queueUrl);
    expect(summary.sent).toBe(queued.visible + queued.inFlight);
    expect(summary.direct).toBe(summary.sent);
    expect(stderr).toContain(
      `interrupted after line ${summary.lines}: ${summary.sent} visits were sent`,
    );
  });
});
