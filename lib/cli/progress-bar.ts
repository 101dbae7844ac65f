import { SingleBar } from 'cli-progress';

/** A progress bar on stderr; it draws nothing when stderr is no terminal. */
export interface ProgressBar {
  update(value: number, total?: number): void;
  stop(): void;
}

/**
 * Starts a progress bar labelled `label` on stderr.
 *
 * @param unit - what `value` counts, shown after the numbers
 */
export function startProgressBar(
  label: string,
  total: number,
  unit: string,
): ProgressBar {
  const bar = new SingleBar({
    format: `${label.padEnd(10)} {bar} {percentage}% | {value}/{total} ${unit}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
  });
  bar.start(total, 0);

  return {
    update: (value, newTotal) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(value);
    },
    stop: () => bar.stop(),
  };
}
