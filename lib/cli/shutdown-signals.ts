/** The exit codes a shell gives a process ended by each signal. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

type ShutdownSignal = keyof typeof SIGNAL_EXIT_CODES;

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
  let stopping = false;

  const handle = (signal: ShutdownSignal) => {
    if (stopping) {
      onSignal(signal, true);
      process.exit(SIGNAL_EXIT_CODES[signal]);
    }

    stopping = true;
    onSignal(signal, false);
    shutdown().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };

  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as ShutdownSignal[]) {
    process.on(signal, () => handle(signal));
  }
}
