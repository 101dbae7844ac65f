import type { BuildOptions } from 'esbuild';

/**
 * How every Lambda bundle is built: ours by `scripts/build.ts`, the
 * benchmark's peers by `bench/`, so all ship alike.
 */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  minify: true,
  sourcemap: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  // The Lambda runtime ships the AWS SDK v3.
  external: ['@aws-sdk/*'],
  legalComments: 'none',
  logLevel: 'warning',
} as const satisfies BuildOptions;
