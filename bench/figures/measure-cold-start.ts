import { type Summary, summarize, summarizeRatios } from '../stats.ts';
import { runChild } from './run-child.ts';

/** A contender started cold: its Lambda bundle, loaded by `invoke-once`. */
export type ColdContender = { name: string; bundle: string };

/** What the cold start runs and how often. */
export interface ColdStartOptions {
  invokeOnce: string;
  empty: string;
  /** One event file of a burst's first invocation. */
  eventFile: string;
  expectedFailures: number;
  contenders: readonly ColdContender[];
  rounds: number;
}

/** Cold start times, summarized and per round. */
export interface ColdStartFigures {
  /** Wall time from spawn to exit, per contender and for `empty`. */
  wallMs: Record<string, Summary>;
  /** Wall time above the empty script's in the same round. */
  aboveEmptyMs: Record<string, Summary>;
  /** Raw wall times per round, for pairwise ratios. */
  rounds: Record<string, number[]>;
}

const EMPTY = 'empty script';

/**
 * Starts a fresh Node process per run that loads a bundle and handles one
 * event, interleaving contenders and the empty script in every round and
 * rotating who goes first, so drift of the machine spreads evenly.
 */
export function measureColdStart(options: ColdStartOptions): ColdStartFigures {
  const runners = [
    { name: EMPTY, run: () => runChild([options.empty], 'stderr').wallMs },
    ...options.contenders.map(({ name, bundle }) => ({
      name,
      run: () => runColdInvocation(options, bundle),
    })),
  ];
  const rounds: Record<string, number[]> = Object.fromEntries(
    runners.map(({ name }) => [name, []]),
  );

  for (const runner of runners) runner.run();
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < runners.length; i++) {
      const runner = runners[
        (round + i) % runners.length
      ] as (typeof runners)[0];
      rounds[runner.name]?.push(runner.run());
    }
  }

  const empty = rounds[EMPTY] as number[];
  return {
    wallMs: mapValues(rounds, summarize),
    aboveEmptyMs: mapValues(rounds, (times) =>
      summarize(times.map((time, i) => time - (empty[i] as number))),
    ),
    rounds,
  };
}

/** Pairwise ratio of two contenders' cold starts. */
export function coldStartRatio(
  figures: ColdStartFigures,
  numerator: string,
  denominator: string,
): Summary {
  return summarizeRatios(
    figures.rounds[numerator] ?? [],
    figures.rounds[denominator] ?? [],
  );
}

function runColdInvocation(options: ColdStartOptions, bundle: string): number {
  const { wallMs, report } = runChild<{ failures: number }>(
    [options.invokeOnce, bundle, options.eventFile],
    'stderr',
  );
  if (report.failures !== options.expectedFailures) {
    throw new Error(
      `${bundle} reported ${report.failures} failures, expected ${options.expectedFailures}`,
    );
  }

  return wallMs;
}

function mapValues<T, U>(
  record: Record<string, T>,
  map: (value: T) => U,
): Record<string, U> {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, map(value)]),
  );
}
