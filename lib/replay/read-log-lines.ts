import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { createLineSplitter, type LogLine } from './create-line-splitter.ts';

export type { LogLine } from './create-line-splitter.ts';

/** Longest line read, in bytes; a longer one is reported, never held. */
export const MAX_LINE_BYTES = 64 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b] as const;
const NUL = 0;

/** The file is not a text log this reader can take. */
export class LogFileError extends Error {
  override name = 'LogFileError';
  readonly path: string;

  constructor(path: string, reason: string, options?: ErrorOptions) {
    super(`${path}: ${reason}`, options);
    this.path = path;
  }
}

export interface ReadLogLinesOptions {
  /** Default {@link MAX_LINE_BYTES}. */
  maxLineBytes?: number;
  /** Told how many bytes of the file have been read so far. */
  onBytes?: (bytesRead: number) => void;
}

/**
 * Streams a text file line by line; memory stays bounded by the line limit
 * whatever the file holds. LF and CRLF endings are both accepted, and a
 * gzipped file (a rotated log) is decompressed on the way.
 *
 * Throws {@link LogFileError} when the file's first bytes hold a NUL, as no
 * text log does, or when its gzip data is broken.
 */
export async function* readLogLines(
  path: string,
  options: ReadLogLinesOptions = {},
): AsyncGenerator<LogLine> {
  const gzipped = await startsWith(path, GZIP_MAGIC);
  const file = createReadStream(path);
  const source: Readable = gzipped ? file.pipe(createGunzip()) : file;
  if (gzipped) file.on('error', (error) => source.destroy(error));
  const splitter = createLineSplitter(options.maxLineBytes ?? MAX_LINE_BYTES);
  let first = true;

  try {
    for await (const chunk of readChunks(source, path, gzipped)) {
      if (first && chunk.includes(NUL)) {
        throw new LogFileError(
          path,
          'holds NUL bytes, so it is no text access log',
        );
      }
      first = false;
      for (const line of splitter.push(chunk)) {
        options.onBytes?.(file.bytesRead);
        yield line;
      }
    }
    for (const line of splitter.end()) {
      options.onBytes?.(file.bytesRead);
      yield line;
    }
  } finally {
    source.destroy();
    file.destroy();
  }
}

async function* readChunks(
  source: Readable,
  path: string,
  gzipped: boolean,
): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of source) yield chunk as Buffer;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (gzipped && typeof code === 'string' && code.startsWith('Z_')) {
      throw new LogFileError(path, 'holds broken gzip data', { cause: error });
    }
    throw error;
  }
}

async function startsWith(
  path: string,
  magic: readonly number[],
): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read({
      buffer: Buffer.alloc(magic.length),
    });
    return bytesRead === magic.length && magic.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}
