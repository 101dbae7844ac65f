import { type Summary, summarize } from '../stats.ts';
import { runChild } from './run-child.ts';

/** A warm contender: its sink bundle, driven by `warm-loop`. */
export type WarmContender = { name: string; sinkBundle: string };

/** What the warm figure runs, at which batch size, how long. */
export interface WarmCostOptions {
  warmLoop: string;
  contenders: readonly WarmContender[];
  batchSize: number;
  /** Records timed per contender in each round. */
  recordsPerRound: number;
  /** Records handled before timing starts, in each process. */
  warmupRecords: number;
  rounds: number;
}

/** Time per record, summarized and per round. */
export interface WarmCostFigures {
  nsPerRecord: Record<string, Summary>;
  rounds: Record<string, number[]>;
  recordsPerContender: number;
}

type WarmReport = {
  nsPerRecord: number;
  failures: number;
  expectedFailures: number;
};

/**
 * Times the handling of bursts of `batchSize` records in warm processes,
 * one fresh process per contender and round, interleaved and rotated.
 * A contender whose failures differ from the known invalid records aborts
 * the run.
 */
export function measureWarmCost(options: WarmCostOptions): WarmCostFigures {
  const rounds: Record<string, number[]> = Object.fromEntries(
    options.contenders.map(({ name }) => [name, []]),
  );
  const count = options.contenders.length;

  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < count; i++) {
      const contender = options.contenders[
        (round + i) % count
      ] as WarmContender;
      rounds[contender.name]?.push(runWarmLoop(options, contender));
    }
  }

  return {
    nsPerRecord: Object.fromEntries(
      Object.entries(rounds).map(([name, values]) => [name, summarize(values)]),
    ),
    rounds,
    recordsPerContender: options.recordsPerRound * options.rounds,
  };
}

function runWarmLoop(options: WarmCostOptions, contender: WarmContender) {
  const { report } = runChild<WarmReport>(
    [
      options.warmLoop,
      contender.sinkBundle,
      String(options.batchSize),
      String(options.recordsPerRound),
      String(options.warmupRecords),
    ],
    'stdout',
  );
  if (report.failures !== report.expectedFailures) {
    throw new Error(
      `${contender.name} failed ${report.failures} records, expected ${report.expectedFailures}`,
    );
  }

  return report.nsPerRecord;
}
