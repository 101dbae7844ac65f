import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import {
  startProgressBar,
  stopProgressBars,
} from '../../lib/cli/progress-bar.ts';

const SHOW_CURSOR = '\x1B[?25h';
const HIDE_CURSOR = '\x1B[?25l';

/** A stream that says it is a terminal and keeps what is drawn on it. */
function createTerminal() {
  let drawn = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        drawn += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 80 },
  );
  return { stream, drawn: () => drawn };
}

describe('stopProgressBars', () => {
  it('shows the cursor again and ends the line of every running bar', () => {
    // Prepare
    const first = createTerminal();
    const second = createTerminal();
    startProgressBar('replay', 100, 'bytes', first.stream).update(40);
    startProgressBar('process', 10, 'messages', second.stream);

    // Act
    stopProgressBars();

    // Assess
    for (const terminal of [first, second]) {
      const drawn = terminal.drawn();
      expect(drawn).toContain(HIDE_CURSOR);
      expect(drawn.lastIndexOf(SHOW_CURSOR)).toBeGreaterThan(
        drawn.lastIndexOf(HIDE_CURSOR),
      );
      expect(drawn.endsWith('\n')).toBe(true);
    }
  });

  it('leaves alone a bar already stopped', () => {
    // Prepare
    const terminal = createTerminal();
    const bar = startProgressBar('replay', 100, 'bytes', terminal.stream);
    bar.stop();
    const drawnAtStop = terminal.drawn();

    // Act
    stopProgressBars();

    // Assess
    expect(terminal.drawn()).toBe(drawnAtStop);
  });

  it('stops the bars when the process exits', () => {
    // Prepare
    const terminal = createTerminal();

    // Act
    startProgressBar('replay', 100, 'bytes', terminal.stream);

    // Assess
    const listeners = process.listeners('exit') as unknown[];
    expect(listeners).toContain(stopProgressBars);
    stopProgressBars();
  });
});
