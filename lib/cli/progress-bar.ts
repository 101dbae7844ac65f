import { SingleBar } from 'cli-progress';

/** A progress bar on stderr; it draws nothing when stderr is no terminal. */
export interface ProgressBar {
  update(value: number, total?: number): void;
  stop(): void;
}

const running = new Set<SingleBar>();
let stopsOnExit = false;

/**
 * Starts a progress bar labelled `label` on stderr.
 *
 * The bar hides the cursor while it runs; every bar still running when the
 * process exits is stopped, so the cursor comes back on every exit path.
 *
 * @param unit - what `value` counts, shown after the numbers
 * @param stream - where to draw; stderr unless told
 */
export function startProgressBar(
  label: string,
  total: number,
  unit: string,
  stream: NodeJS.WritableStream = process.stderr,
): ProgressBar {
  const bar = new SingleBar({
    format: `${label.padEnd(10)} {bar} {percentage}% | {value}/{total} ${unit}`,
    stream,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  bar.start(total, 0);
  running.add(bar);
  if (!stopsOnExit) {
    process.once('exit', stopProgressBars);
    stopsOnExit = true;
  }

  return {
    update: (value, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(value);
    },
    stop: () => {
      running.delete(bar);
      bar.stop();
    },
  };
}

/**
 * Stops every running bar: each shows its cursor again and ends its line.
 * It runs on `exit`; a signal's default action skips that, so commands
 * drawing bars handle signals and exit themselves.
 */
export function stopProgressBars(): void {
  for (const bar of running) bar.stop();
  running.clear();
}
