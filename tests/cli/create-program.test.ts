import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  jest,
} from '@jest/globals';
import type { Command } from 'commander';
import { createProgram } from '../../lib/cli/create-program.ts';
import { describeError } from '../../lib/cli/describe-error.ts';
import type { TrafficQueues } from '../../lib/emulator/ensure-traffic-queues.ts';
import {
  countMessages,
  createTestQueues,
  receiveAll,
  sendBodies,
  useTestEmulator,
} from '../helpers/test-queues.ts';

jest.setTimeout(20_000);

/** Makes commander throw where it would exit, in every subcommand. */
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}

describe('createProgram', () => {
  const test = useTestEmulator();
  let queues: TrafficQueues;
  let output: string[];

  beforeEach(async () => {
    queues = await createTestQueues(test.sqs);
    output = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      output.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
    delete process.env.IP_ADDRESS_STORAGE;
  });

  /** Runs `traffic <args>` in this process against the test emulator. */
  const run = (...args: string[]) => {
    const program = createProgram();
    throwInsteadOfExiting(program);
    return program.parseAsync([...args, '--endpoint', test.emulator.endpoint], {
      from: 'user',
    });
  };

  const queueUrl = () => ['--queue-url', queues.queueUrl];

  it('sends one direct visit built by the agent', async () => {
    // Act
    await run(
      'send',
      'direct',
      '--ip',
      '203.0.113.5',
      '--at',
      '1431857103000',
      ...queueUrl(),
    );

    // Assess
    const [message] = await receiveAll(test.sqs, queues.queueUrl);
    expect(JSON.parse(message?.Body as string)).toEqual({
      type: 'direct',
      created_at: 1431857103000,
      ip: '203.0.113.5',
    });
    expect(output.join('')).toContain(`sent ${message?.MessageId}`);
  });

  it('refuses an unknown visit type before sending', async () => {
    // Act
    const sending = run('send', 'organic', ...queueUrl());

    // Assess
    await expect(sending).rejects.toThrow(
      expect.objectContaining({ code: 'commander.invalidArgument' }),
    );
  });

  it('refuses a visit the agent finds invalid, sending nothing', async () => {
    // Act
    const sending = run(
      'send',
      'referrer',
      '--url',
      'ftp://x.test/',
      ...queueUrl(),
    );

    // Assess
    await expect(sending).rejects.toThrow('visit not sent, url:');
    expect(await countMessages(test.sqs, queues.queueUrl)).toMatchObject({
      visible: 0,
    });
  });

  it('replays a log and prints its summary', async () => {
    // Prepare
    const log = join(mkdtempSync(join(tmpdir(), 'cli-')), 'access.log');
    const time = '[17/May/2015:10:05:03 +0000]';
    writeFileSync(
      log,
      [
        `192.0.2.1 - - ${time} "GET / HTTP/1.1" 200 1 "-" "ua"`,
        `192.0.2.2 - - ${time} "GET / HTTP/1.1" 200 1 "https://a.test/" "ua"`,
        `192.0.2.3 - - ${time} "GET / HTTP/1.1" 200 1 "http://www.site.test/" "ua"`,
        'cut off',
        '',
      ].join('\n'),
    );

    // Act
    await run('replay', log, '--site', 'site.test', '--json', ...queueUrl());

    // Assess
    const summary = JSON.parse(output.join(''));
    expect(summary).toMatchObject({
      lines: 4,
      direct: 1,
      referrer: 1,
      sameSite: 1,
      sent: 2,
      unparseable: { count: 1, lines: [4] },
    });
    expect((await receiveAll(test.sqs, queues.queueUrl)).length).toBe(2);
    expect(process.exitCode).toBeUndefined();
  });

  it('peeks at dead letters and redrives them', async () => {
    // Prepare
    await sendBodies(test.sqs, queues.deadLetterQueueUrl, ['a', 'b']);
    const dlq = ['--dlq-url', queues.deadLetterQueueUrl];

    // Act
    await run('dlq', 'peek', ...dlq);
    const peeked = output.splice(0).join('');
    await run('dlq', 'redrive', '--method', 'copy', ...dlq, ...queueUrl());

    // Assess
    const letters = peeked
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(letters.map((letter) => letter.body).sort()).toEqual(['a', 'b']);
    expect(JSON.parse(output.join(''))).toEqual({
      method: 'copy',
      moved: 2,
      failed: [],
    });
    expect((await receiveAll(test.sqs, queues.queueUrl)).length).toBe(2);
  });

  it.each([
    [
      'direct',
      '--url',
      'https://a.test/',
      '--url applies to referrer visits only',
    ],
    ['referrer', '--ip', '192.0.2.1', '--ip applies to direct visits only'],
  ])(
    'refuses a %s visit given %s, sending nothing',
    async (type, flag, value, message) => {
      // Act
      const sending = run('send', type, flag, value, ...queueUrl());

      // Assess
      await expect(sending).rejects.toThrow(message);
      expect(await countMessages(test.sqs, queues.queueUrl)).toMatchObject({
        visible: 0,
      });
    },
  );

  it('keeps the cause when the queue does not exist', async () => {
    // Prepare
    const missing = `${test.emulator.endpoint}/000000000000/nope`;

    // Act
    const sending = run(
      'send',
      'direct',
      '--ip',
      '192.0.2.1',
      '--queue-url',
      missing,
    );

    // Assess
    const error = await sending.catch((caught: unknown) => caught);
    expect(describeError(error)).toMatch(
      /^visit not enqueued: QueueDoesNotExist: .*does not exist/,
    );
  });

  it.each(['', ' , ', 'ftp://x.test'])(
    'refuses --site %p before reading the log',
    async (site) => {
      // Act
      const replaying = run(
        'replay',
        'no-such.log',
        '--site',
        site,
        ...queueUrl(),
      );

      // Assess
      await expect(replaying).rejects.toThrow(
        expect.objectContaining({ code: 'commander.invalidArgument' }),
      );
    },
  );

  it('refuses a binary file, naming it', async () => {
    // Prepare
    const log = join(mkdtempSync(join(tmpdir(), 'cli-')), 'image.png');
    writeFileSync(log, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0x0a]));

    // Act
    const replaying = run('replay', log, '--site', 'site.test', ...queueUrl());

    // Assess
    await expect(replaying).rejects.toThrow(`${log}: holds NUL bytes`);
  });

  it('replays a gzipped log as its text', async () => {
    // Prepare
    const log = join(mkdtempSync(join(tmpdir(), 'cli-')), 'access.log.1.gz');
    const time = '[17/May/2015:10:05:03 +0000]';
    writeFileSync(
      log,
      gzipSync(`192.0.2.1 - - ${time} "GET / HTTP/1.1" 200 1 "-" "ua"\n`),
    );

    // Act
    await run('replay', log, '--site', 'site.test', '--json', ...queueUrl());

    // Assess
    expect(JSON.parse(output.join(''))).toMatchObject({ lines: 1, sent: 1 });
  });

  it('refuses a bad processor setting before polling', async () => {
    // Prepare
    process.env.IP_ADDRESS_STORAGE = 'Full';

    // Act
    const processing = run('process', '--storage', 'mysql', ...queueUrl());

    // Assess
    await expect(processing).rejects.toThrow(
      'IP_ADDRESS_STORAGE must be one of: truncated, full; found "Full"',
    );
  });

  it('refuses a batch size above what Lambda takes', async () => {
    // Act
    const processing = run('process', '--batch-size', '10001', ...queueUrl());

    // Assess
    await expect(processing).rejects.toThrow(
      expect.objectContaining({ code: 'commander.invalidArgument' }),
    );
  });
});
