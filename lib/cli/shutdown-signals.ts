/** The exit codes a shell gives a process ended by each signal. */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export type ShutdownSignal = keyof typeof SIGNAL_EXIT_CODES;

const SIGNALS = Object.keys(SIGNAL_EXIT_CODES) as ShutdownSignal[];

/**
 * Runs `shutdown` on the first SIGINT or SIGTERM and exits 0 once it is
 * done; a second signal exits at once, with the signal's exit code.
 *
 * @param onSignal - told which signal arrived, before shutting down
 */
export function exitGracefullyOnSignal(
  shutdown: () => Promise<void>,
  onSignal: (signal: ShutdownSignal, forced: boolean) => void = () => {},
): void {
  handleInterrupts(
    (signal) => {
      onSignal(signal, false);
      shutdown().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    },
    (signal) => onSignal(signal, true),
  );
}

/**
 * Calls `interrupt` on the first SIGINT or SIGTERM; a second signal exits
 * at once with that signal's exit code, after `onForced`.
 *
 * @returns a function removing the handlers, for when the work is done
 */
export function handleInterrupts(
  interrupt: (signal: ShutdownSignal) => void,
  onForced: (signal: ShutdownSignal) => void = () => {},
): () => void {
  let interrupted = false;
  const handle = (signal: ShutdownSignal) => {
    if (interrupted) {
      onForced(signal);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    }

    interrupted = true;
    interrupt(signal);
  };
  const listeners = SIGNALS.map((signal) => {
    const listener = () => handle(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });

  return () => {
    for (const [signal, listener] of listeners) {
      process.off(signal, listener);
    }
  };
}
