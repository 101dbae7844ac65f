import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildBenchBundles,
  CONTENDERS,
  type ContenderName,
} from './build-bench-bundles.ts';
import { findDisagreements } from './equivalence/find-disagreements.ts';
import { listEquivalenceEvents } from './equivalence/list-equivalence-events.ts';
import {
  buildBurstBodies,
  buildSqsEvent,
  INVALID_SHARE,
} from './events/build-sqs-event.ts';
import { measureBundleSize } from './figures/measure-bundle-size.ts';
import {
  coldStartRatio,
  measureColdStart,
} from './figures/measure-cold-start.ts';
import { measureDrain } from './figures/measure-drain.ts';
import {
  measurePeakMemory,
  PARSE_ONLY,
} from './figures/measure-peak-memory.ts';
import { measureWarmCost } from './figures/measure-warm-cost.ts';
import { readMachine } from './figures/read-machine.ts';
import { type BenchResults, renderReport } from './render-report.ts';
import { summarizeRatios } from './stats.ts';
import { checkAtMost, type TargetCheck } from './targets.ts';

/**
 * `npm run bench`: builds the processor and its peers, checks they agree,
 * measures figures 1 to 5 side by side, prints them and writes them into
 * `BENCHMARKS.md`. `--quick` runs a short smoke pass that writes nothing.
 */
const ROOT = new URL('..', import.meta.url).pathname;
const OUT_DIR = join(ROOT, 'bench', 'dist');
const PROCESSOR_BUNDLE = join(ROOT, 'dist', 'traffic-processor', 'index.mjs');
const REPORT_FILE = join(ROOT, 'BENCHMARKS.md');
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'skip-drain': { type: 'boolean', default: false },
  },
});

// Full run: 20 cold starts per process; per contender 1,000,000 warm
// records, half at each batch size, in 5 rounds; 5 memory peaks.
const SETTINGS = flags.quick
  ? { coldRounds: 3, warmRounds: 2, warmRecords: 10_000, warmup: 5_000 }
  : { coldRounds: 20, warmRounds: 5, warmRecords: 100_000, warmup: 20_000 };
const MEMORY_ROUNDS = flags.quick ? 2 : 5;
const MEMORY_RECORDS = 10_000;
const COLD_RECORDS = 10;
const WARM_BATCH_SIZES = [10, 1000];

const label = (name: ContenderName) => CONTENDERS[name];
const started = Date.now();
const log = (message: string) => {
  const elapsed = Math.round((Date.now() - started) / 1000);
  process.stderr.write(`[${String(elapsed).padStart(3)} s] ${message}\n`);
};

log('building dist/ and bench/dist/');
const build = spawnSync(process.execPath, ['scripts/build.ts'], {
  cwd: ROOT,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) throw new Error('npm run build failed');
const bundles = await buildBenchBundles(OUT_DIR);

log('checking equivalence');
const now = Date.now();
const disagreements = await findDisagreements(bundles.sink, { now });
if (disagreements.length > 0) {
  log(disagreements.join('\n'));
  throw new Error('contenders disagree: no figure is measured');
}
const equivalenceEvents = listEquivalenceEvents(now);

const eventsDir = join(OUT_DIR, 'events');
mkdirSync(eventsDir, { recursive: true });
const writeBurst = (size: number) => {
  const file = join(eventsDir, `burst-${size}.json`);
  writeFileSync(
    file,
    JSON.stringify(buildSqsEvent(buildBurstBodies(size, now))),
  );
  return file;
};
const coldEvent = writeBurst(COLD_RECORDS);
const memoryEvent = writeBurst(MEMORY_RECORDS);

const lambdaBundles = [
  { name: label('processor'), bundle: PROCESSOR_BUNDLE },
  { name: label('powertools-peer'), bundle: bundles.lambda['powertools-peer'] },
  { name: label('bare-floor'), bundle: bundles.lambda['bare-floor'] },
];

log('1. bundle size');
const sizes = Object.fromEntries(
  lambdaBundles.map(({ name, bundle }) => [name, measureBundleSize(bundle)]),
);

log('2. cold start');
const cold = measureColdStart({
  invokeOnce: bundles.children.invokeOnce,
  empty: bundles.children.empty,
  eventFile: coldEvent,
  expectedFailures: COLD_RECORDS * INVALID_SHARE,
  contenders: lambdaBundles,
  rounds: SETTINGS.coldRounds,
});
const coldRatios = {
  'processor / bare floor': coldStartRatio(
    cold,
    label('processor'),
    label('bare-floor'),
  ),
  'processor / Powertools': coldStartRatio(
    cold,
    label('processor'),
    label('powertools-peer'),
  ),
  'processor / empty script': coldStartRatio(
    cold,
    label('processor'),
    'empty script',
  ),
};

const warm = WARM_BATCH_SIZES.map((batchSize) => {
  log(`3. warm cost, batch ${batchSize}`);
  const figures = measureWarmCost({
    warmLoop: bundles.children.warmLoop,
    contenders: (Object.keys(CONTENDERS) as ContenderName[]).map((name) => ({
      name: label(name),
      sinkBundle: bundles.sink[name],
    })),
    batchSize,
    recordsPerRound: SETTINGS.warmRecords,
    warmupRecords: SETTINGS.warmup,
    rounds: SETTINGS.warmRounds,
  });
  const ratio = (a: ContenderName, b: ContenderName) =>
    summarizeRatios(
      figures.rounds[label(a)] ?? [],
      figures.rounds[label(b)] ?? [],
    );
  return {
    batchSize,
    figures,
    ratios: {
      'processor / bare floor': ratio('processor', 'bare-floor'),
      'processor / Powertools': ratio('processor', 'powertools-peer'),
    },
  };
});

log('4. peak memory');
const memory = measurePeakMemory({
  invokeOnce: bundles.children.invokeOnce,
  eventFile: memoryEvent,
  expectedFailures: MEMORY_RECORDS * INVALID_SHARE,
  contenders: lambdaBundles,
  rounds: MEMORY_ROUNDS,
});
const memoryRatio = (name: string) =>
  summarizeRatios(memory.rounds[name] ?? [], memory.rounds[PARSE_ONLY] ?? []);
const memoryRatios = Object.fromEntries(
  lambdaBundles.map(({ name }) => [`${name} / parse only`, memoryRatio(name)]),
);

log('5. end to end');
const drain = flags['skip-drain']
  ? { markdown: 'Not measured in this run (`--skip-drain`).', targets: [] }
  : await measureDrain({ quick: flags.quick, root: ROOT, log });

const processorSize = sizes[label('processor')];
const powertoolsSize = sizes[label('powertools-peer')];
const targets: TargetCheck[] = [
  {
    target: 'Processor bundle, minified',
    measured: `${processorSize?.bytes.toLocaleString('en')} B`,
    limit: '< 25,000 B',
    pass: (processorSize?.bytes ?? Infinity) < 25_000,
  },
  checkAtMost(
    'Bundle: processor / Powertools peer',
    ratioOf((processorSize?.bytes ?? 0) / (powertoolsSize?.bytes ?? 1)),
    Number((1 / 15).toFixed(3)),
  ),
  checkAtMost(
    'Cold start: processor / bare floor',
    coldRatios['processor / bare floor'],
    1.25,
  ),
  checkAtMost(
    'Cold start: processor / Powertools peer',
    coldRatios['processor / Powertools'],
    0.6,
  ),
  ...warm.map(({ batchSize, ratios }) =>
    checkAtMost(
      `Warm, batch ${batchSize}: processor / bare floor`,
      ratios['processor / bare floor'],
      2.5,
    ),
  ),
  checkAtMost(
    'Peak memory: processor / parse only',
    memoryRatios[`${label('processor')} / parse only`] ?? ratioOf(Infinity),
    1.3,
  ),
  ...drain.targets,
];

const results: BenchResults = {
  machine: readMachine(),
  command: 'npm ci && npm run bench',
  equivalence: {
    events: equivalenceEvents.length,
    records: equivalenceEvents.reduce(
      (sum, { event }) => sum + event.Records.length,
      0,
    ),
    contenders: Object.values(CONTENDERS),
  },
  bundles: sizes,
  cold: { ...cold, ratios: coldRatios },
  warm,
  memory: { ...memory, ratios: memoryRatios },
  drain: drain.markdown,
  targets,
};
const report = renderReport(results);
process.stdout.write(report);
writeFileSync(join(OUT_DIR, 'latest.json'), JSON.stringify(results, null, 2));

if (!flags.quick) {
  const current = existsSync(REPORT_FILE)
    ? readFileSync(REPORT_FILE, 'utf8')
    : `# Benchmarks\n\n${BEGIN}\n${END}\n`;
  const [head] = current.split(BEGIN);
  const [, tail = ''] = current.split(END);
  writeFileSync(REPORT_FILE, `${head}${BEGIN}\n${report}${END}${tail}`);
}
log(`done in ${Math.round((Date.now() - started) / 1000)} s`);

function ratioOf(value: number) {
  return { median: value, min: value, max: value };
}
