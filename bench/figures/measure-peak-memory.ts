import { type Summary, summarize } from '../stats.ts';
import { runChild } from './run-child.ts';

/** What the memory figure runs and how often. */
export interface PeakMemoryOptions {
  invokeOnce: string;
  eventFile: string;
  expectedFailures: number;
  contenders: readonly { name: string; bundle: string }[];
  rounds: number;
}

/** Peak resident sets, summarized and per round. */
export interface PeakMemoryFigures {
  /** Peak resident set in MiB, per contender and for the parse-only run. */
  maxRssMib: Record<string, Summary>;
  rounds: Record<string, number[]>;
}

/** Name of the baseline that only reads and parses the event. */
export const PARSE_ONLY = 'parse only';

/**
 * Reads the peak resident set (`maxRSS` of `process.resourceUsage()`) of a
 * fresh process handling one large event, beside a process that only
 * parses it; interleaved and rotated like the cold starts.
 */
export function measurePeakMemory(
  options: PeakMemoryOptions,
): PeakMemoryFigures {
  const runners = [{ name: PARSE_ONLY, bundle: '-' }, ...options.contenders];
  const rounds: Record<string, number[]> = Object.fromEntries(
    runners.map(({ name }) => [name, []]),
  );

  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < runners.length; i++) {
      const runner = runners[
        (round + i) % runners.length
      ] as (typeof runners)[0];
      const { report } = runChild<{ maxRssKb: number; failures: number }>(
        [options.invokeOnce, runner.bundle, options.eventFile],
        'stderr',
      );
      if (
        runner.bundle !== '-' &&
        report.failures !== options.expectedFailures
      ) {
        throw new Error(
          `${runner.name} reported ${report.failures} failures, ` +
            `expected ${options.expectedFailures}`,
        );
      }
      rounds[runner.name]?.push(report.maxRssKb / 1024);
    }
  }

  return {
    maxRssMib: Object.fromEntries(
      Object.entries(rounds).map(([name, values]) => [name, summarize(values)]),
    ),
    rounds,
  };
}
