import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One line of a file, numbered from 1, without its line ending. */
export type LogLine = { number: number; text: string };

/**
 * Streams a text file line by line, so a file of any size is never held in
 * memory whole. LF and CRLF endings are both accepted.
 *
 * @param onBytes - told how many bytes have been read so far
 */
export async function* readLogLines(
  path: string,
  onBytes?: (bytesRead: number) => void,
): AsyncGenerator<LogLine> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let number = 0;

  try {
    for await (const text of lines) {
      number += 1;
      onBytes?.(stream.bytesRead);
      yield { number, text };
    }
  } finally {
    lines.close();
    stream.destroy();
  }
}
