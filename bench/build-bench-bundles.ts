import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_BUILD_OPTIONS } from '../scripts/lambda-build-options.ts';

/** The contenders, by the name their bundles carry. */
export const CONTENDERS = {
  processor: 'traffic processor',
  'powertools-peer': 'Powertools peer',
  'bare-floor': 'bare floor',
} as const;

/** A contender's key, as its bundles are named. */
export type ContenderName = keyof typeof CONTENDERS;

/** Paths of everything the benchmark runs, under one output folder. */
export interface BenchBundles {
  /** Lambda bundles of the peers, wired from env like ours. */
  lambda: Record<Exclude<ContenderName, 'processor'>, string>;
  /** Factories of all contenders writing to a caller's sink. */
  sink: Record<ContenderName, string>;
  /** Harness scripts run in fresh Node processes. */
  children: { invokeOnce: string; warmLoop: string; empty: string };
}

const BENCH_DIR = new URL('.', import.meta.url).pathname;

const LAMBDA_ENTRIES = {
  'powertools-peer': 'peers/powertools/handler.ts',
  'bare-floor': 'peers/bare-floor/handler.ts',
} as const;

/**
 * Bundles the peers, the sink factories and the child scripts into
 * `outDir`. Lambda and sink bundles are minified like ours; the children
 * are harness code and stay readable.
 */
export async function buildBenchBundles(outDir: string): Promise<BenchBundles> {
  const bundles: BenchBundles = {
    lambda: {
      'powertools-peer': join(outDir, 'powertools-peer', 'index.mjs'),
      'bare-floor': join(outDir, 'bare-floor', 'index.mjs'),
    },
    sink: {
      processor: join(outDir, 'sink', 'processor.mjs'),
      'powertools-peer': join(outDir, 'sink', 'powertools-peer.mjs'),
      'bare-floor': join(outDir, 'sink', 'bare-floor.mjs'),
    },
    children: {
      invokeOnce: join(outDir, 'children', 'invoke-once.mjs'),
      warmLoop: join(outDir, 'children', 'warm-loop.mjs'),
      empty: join(outDir, 'children', 'empty.mjs'),
    },
  };

  const source = (path: string) => join(BENCH_DIR, path);
  await Promise.all([
    ...Object.entries(bundles.lambda).map(([name, outfile]) =>
      build({
        ...LAMBDA_BUILD_OPTIONS,
        entryPoints: [
          source(LAMBDA_ENTRIES[name as keyof typeof LAMBDA_ENTRIES]),
        ],
        outfile,
      }),
    ),
    ...Object.entries(bundles.sink).map(([name, outfile]) =>
      build({
        ...LAMBDA_BUILD_OPTIONS,
        entryPoints: [source(`sink/${name}.sink.ts`)],
        outfile,
      }),
    ),
    ...Object.entries(bundles.children).map(([name, outfile]) =>
      build({
        ...LAMBDA_BUILD_OPTIONS,
        minify: false,
        sourcemap: false,
        entryPoints: [source(`children/${toKebab(name)}.child.ts`)],
        outfile,
      }),
    ),
  ]);

  return bundles;
}

function toKebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
