import { describe, expect, it } from '@jest/globals';
import {
  createLineSplitter,
  type LogLine,
} from '../../lib/replay/create-line-splitter.ts';

function splitAll(chunks: (string | Buffer)[], limit = 1024): LogLine[] {
  const splitter = createLineSplitter(limit);
  const lines = chunks.flatMap((chunk) =>
    splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)),
  );
  return [...lines, ...splitter.end()];
}

describe('createLineSplitter', () => {
  it('numbers LF and CRLF lines, empty ones included, and a last unended one', () => {
    // Act
    const lines = splitAll(['one\r\ntwo\n\nthr', 'ee']);

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'one' },
      { number: 2, text: 'two' },
      { number: 3, text: '' },
      { number: 4, text: 'three' },
    ]);
  });

  it('returns no extra line after a final newline', () => {
    // Act
    const lines = splitAll(['a\n', 'b\n']);

    // Assess
    expect(lines.map((line) => line.number)).toEqual([1, 2]);
  });

  it('decodes a character whose bytes straddle two chunks', () => {
    // Prepare
    const bytes = Buffer.from('café\n');
    const cut = bytes.indexOf(0xa9);

    // Act
    const lines = splitAll([bytes.subarray(0, cut), bytes.subarray(cut)]);

    // Assess
    expect(lines).toEqual([{ number: 1, text: 'café' }]);
  });

  it('drops a byte order mark before the first line only', () => {
    // Act
    const lines = splitAll(['\uFEFFfirst\n\uFEFFsecond\n']);

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'first' },
      { number: 2, text: '\uFEFFsecond' },
    ]);
  });

  it('replaces bytes that form no character', () => {
    // Act
    const lines = splitAll([Buffer.from([0x61, 0xff, 0x62, 0x0a])]);

    // Assess
    expect(lines).toEqual([{ number: 1, text: 'a\uFFFDb' }]);
  });

  it('reports a multi-megabyte line by number without ever holding it', () => {
    // Prepare
    const limit = 1024;
    const splitter = createLineSplitter(limit);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const lines: LogLine[] = [];
    let mostHeld = 0;

    // Act
    lines.push(...splitter.push(Buffer.from('before\n')));
    for (let i = 0; i < 64; i++) {
      lines.push(...splitter.push(chunk));
      mostHeld = Math.max(mostHeld, splitter.heldBytes());
    }
    lines.push(...splitter.push(Buffer.from('\nafter\n')));

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'before' },
      { number: 2, tooLong: true },
      { number: 3, text: 'after' },
    ]);
    expect(mostHeld).toBe(0);
  });

  it('keeps a line of exactly the limit and refuses one byte more', () => {
    // Act
    const lines = splitAll(['abcd\nabcde\n'], 4);

    // Assess
    expect(lines).toEqual([
      { number: 1, text: 'abcd' },
      { number: 2, tooLong: true },
    ]);
  });

  it('holds an unfinished line up to the limit across chunks', () => {
    // Prepare
    const splitter = createLineSplitter(8);

    // Act
    splitter.push(Buffer.from('abc'));
    const heldAfterOne = splitter.heldBytes();
    splitter.push(Buffer.from('defghi'));
    const heldAfterLimit = splitter.heldBytes();
    const lines = splitter.end();

    // Assess
    expect(heldAfterOne).toBe(3);
    expect(heldAfterLimit).toBe(0);
    expect(lines).toEqual([{ number: 1, tooLong: true }]);
  });
});
