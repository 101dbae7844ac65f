import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Size of one bundle as deployed, and gzipped as a rough transfer size. */
export type BundleSize = { bytes: number; gzipBytes: number };

/** Reads the minified size and the gzip level 9 size of a bundle. */
export function measureBundleSize(bundle: string): BundleSize {
  const code = readFileSync(bundle);

  return { bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}
