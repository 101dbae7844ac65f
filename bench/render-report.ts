import type { BundleSize } from './figures/measure-bundle-size.ts';
import type { ColdStartFigures } from './figures/measure-cold-start.ts';
import type { PeakMemoryFigures } from './figures/measure-peak-memory.ts';
import type { WarmCostFigures } from './figures/measure-warm-cost.ts';
import type { Machine } from './figures/read-machine.ts';
import { formatSummary, type Summary } from './stats.ts';
import type { TargetCheck } from './targets.ts';

/** Everything one run of the benchmark measured. */
export interface BenchResults {
  machine: Machine;
  command: string;
  equivalence: { events: number; records: number; contenders: string[] };
  bundles: Record<string, BundleSize>;
  cold: ColdStartFigures & { ratios: Record<string, Summary> };
  warm: {
    batchSize: number;
    figures: WarmCostFigures;
    ratios: Record<string, Summary>;
  }[];
  memory: PeakMemoryFigures & { ratios: Record<string, Summary> };
  /** Markdown of the end-to-end figure, or why it did not run. */
  drain: string;
  targets: TargetCheck[];
}

/** Renders the figures as the Markdown section of `BENCHMARKS.md`. */
export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const lines = [
    `Measured ${machine.date} UTC on ${machine.cpu}, ${machine.cores} cores, ` +
      `${machine.memoryGib} GiB, Node ${machine.node}, with \`${results.command}\`. ` +
      'Medians, with min-max in brackets; every ratio is taken pair by pair ' +
      'within one round of the same run.',
    '',
    `Equivalence checked before timing: ${results.equivalence.events} events, ` +
      `${results.equivalence.records} records, identical \`batchItemFailures\` ` +
      `and stored rows from ${results.equivalence.contenders.join(', ')}.`,
    '',
    '### Targets',
    '',
    table(
      ['Target', 'Measured', 'Limit', 'Result'],
      results.targets.map((check) => [
        check.target,
        check.measured,
        check.limit,
        check.pass ? 'pass' : '**miss**',
      ]),
    ),
    '',
    '### 1. Bundle size',
    '',
    table(
      ['Bundle', 'Minified', 'Gzipped'],
      Object.entries(results.bundles).map(([name, size]) => [
        name,
        formatBytes(size.bytes),
        formatBytes(size.gzipBytes),
      ]),
    ),
    '',
    '### 2. Cold start: fresh process, load, one 10-record event (ms)',
    '',
    table(
      ['Process', 'Spawn to exit', 'Above empty script'],
      Object.keys(results.cold.wallMs).map((name) => [
        name,
        formatSummary(results.cold.wallMs[name] as Summary),
        formatSummary(results.cold.aboveEmptyMs[name] as Summary),
      ]),
    ),
    '',
    ratioLines(results.cold.ratios),
    '',
    '### 3. Warm cost per record, 10% invalid, storage output to a sink (µs)',
    '',
    table(
      [
        'Batch',
        ...Object.keys(results.warm[0]?.figures.nsPerRecord ?? {}),
        'Records per contender',
      ],
      results.warm.map(({ batchSize, figures }) => [
        String(batchSize),
        ...Object.values(figures.nsPerRecord).map((summary) =>
          formatSummary(scale(summary, 1e-3), 2),
        ),
        figures.recordsPerContender.toLocaleString('en'),
      ]),
    ),
    '',
    ...results.warm.map(
      ({ batchSize, ratios }) => `Batch ${batchSize}: ${ratioLines(ratios)}`,
    ),
    '',
    '### 4. Peak memory for one 10,000-record event (maxRSS, MiB)',
    '',
    table(
      ['Process', 'maxRSS'],
      Object.entries(results.memory.maxRssMib).map(([name, summary]) => [
        name,
        formatSummary(summary),
      ]),
    ),
    '',
    ratioLines(results.memory.ratios),
    '',
    '### 5. End to end on the embedded queue',
    '',
    results.drain,
  ];

  return `${lines.join('\n')}\n`;
}

function ratioLines(ratios: Record<string, Summary>): string {
  return Object.entries(ratios)
    .map(([pair, ratio]) => `${pair}: ${formatSummary(ratio, 2)}x`)
    .join('; ');
}

function scale(summary: Summary, factor: number): Summary {
  return {
    median: summary.median * factor,
    min: summary.min * factor,
    max: summary.max * factor,
  };
}

function formatBytes(bytes: number): string {
  return `${bytes.toLocaleString('en')} B (${(bytes / 1024).toFixed(1)} KiB)`;
}

/** A Markdown table from a header and rows of cells. */
export function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
