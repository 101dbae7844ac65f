/**
 * One line of a file, numbered from 1, without its line ending; or, for a
 * line longer than the limit, only its number.
 */
export type LogLine =
  | { number: number; text: string }
  | { number: number; tooLong: true };

/** Cuts a byte stream into lines, holding at most one line's worth. */
export interface LineSplitter {
  /** Takes the next bytes; returns the lines they complete. */
  push(chunk: Buffer): LogLine[];
  /** Returns the last line when the stream did not end with a newline. */
  end(): LogLine[];
  /** Bytes of the unfinished line held now; never above the limit. */
  heldBytes(): number;
}

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Creates a splitter that cuts bytes at LF, drops a CR before it, decodes
 * each line as UTF-8 (bytes that form no character become U+FFFD) and
 * drops a byte order mark before the first line.
 *
 * A line whose bytes pass `maxLineBytes` is never held whole: its bytes are
 * discarded as they come and it is returned as `tooLong`, so memory stays
 * bounded by the limit whatever the input.
 */
export function createLineSplitter(maxLineBytes: number): LineSplitter {
  let parts: Buffer[] = [];
  let held = 0;
  let tooLong = false;
  let started = false;
  let number = 0;

  // `complete` says the bytes end their line, so they need no copy.
  const keep = (bytes: Buffer, complete = false) => {
    if (bytes.length === 0) return;

    started = true;
    if (tooLong) return;
    if (held + bytes.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      held = 0;
      return;
    }
    // A copy, so the reader's whole chunk is not kept for a short tail.
    parts.push(complete ? bytes : Buffer.from(bytes));
    held += bytes.length;
  };

  const finish = (): LogLine => {
    number += 1;
    const line: LogLine = tooLong
      ? { number, tooLong: true }
      : { number, text: decode(parts, number === 1) };
    parts = [];
    held = 0;
    tooLong = false;
    started = false;
    return line;
  };

  return {
    push: (chunk) => {
      const lines: LogLine[] = [];
      let start = 0;
      for (;;) {
        const newline = chunk.indexOf(NEWLINE, start);
        if (newline === -1) {
          keep(chunk.subarray(start));
          return lines;
        }
        keep(chunk.subarray(start, newline), true);
        lines.push(finish());
        start = newline + 1;
      }
    },
    end: () => (started ? [finish()] : []),
    heldBytes: () => held,
  };
}

function decode(parts: readonly Buffer[], first: boolean): string {
  const bytes =
    parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  const end = bytes.at(-1) === CARRIAGE_RETURN ? bytes.length - 1 : undefined;
  const text = bytes.toString('utf8', 0, end);

  return first && text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}
