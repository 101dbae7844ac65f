import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { type LogLine, readLogLines } from '../../lib/replay/read-log-lines.ts';

function writeFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'log-lines-')), name);
  writeFileSync(path, content);
  return path;
}

async function readAll(
  path: string,
  options: Parameters<typeof readLogLines>[1] = {},
): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  for await (const line of readLogLines(path, options)) lines.push(line);
  return lines;
}

describe('readLogLines', () => {
  it('reports a line of several megabytes by number and reads on', async () => {
    // Prepare
    const huge = 'a'.repeat(4 * 1024 * 1024);
    const path = writeFile('huge.log', `first\n${huge}\nthird\n`);

    // Act
    const lines = await readAll(path, { maxLineBytes: 1024 });

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'first' },
      { number: 2, tooLong: true },
      { number: 3, text: 'third' },
    ]);
  });

  it('reads a gzipped log as its text, counting bytes of the file', async () => {
    // Prepare
    const compressed = gzipSync('one\ntwo\n');
    const path = writeFile('access.log.1.gz', compressed);
    const progress: number[] = [];

    // Act
    const lines = await readAll(path, {
      onBytes: (bytes) => progress.push(bytes),
    });

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'one' },
      { number: 2, text: 'two' },
    ]);
    expect(progress.at(-1)).toBe(compressed.length);
  });

  it('refuses a file whose first bytes hold a NUL', async () => {
    // Prepare
    const path = writeFile('image.bin', Buffer.from([0x89, 0x50, 0, 0x0a]));

    // Act
    const reading = readAll(path);

    // Assess
    await expect(reading).rejects.toThrow(
      `${path}: holds NUL bytes, so it is no text access log`,
    );
  });

  it('refuses a gzipped file cut short', async () => {
    // Prepare
    const compressed = gzipSync('x'.repeat(10_000));
    const path = writeFile('cut.gz', compressed.subarray(0, 20));

    // Act
    const reading = readAll(path);

    // Assess
    await expect(reading).rejects.toMatchObject({
      name: 'LogFileError',
      message: `${path}: holds broken gzip data`,
    });
  });

  it('reads an empty file as no lines', async () => {
    // Act
    const lines = await readAll(writeFile('empty.log', ''));

    // Assess
    expect(lines).toEqual([]);
  });
});
