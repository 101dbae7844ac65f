import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import { LAMBDA_BUILD_OPTIONS } from './lambda-build-options.ts';

/** Each folder under `functions/` with a `handler.ts` is one Lambda. */
const FUNCTIONS_DIR = 'functions';
const OUT_DIR = 'dist';

// Fixed timestamp inside the zip, so an unchanged bundle gives the same zip.
const ZIP_MTIME = new Date('2000-01-01T00:00:00Z');

const functions = readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

for (const name of functions) {
  const outdir = join(OUT_DIR, name);
  mkdirSync(outdir, { recursive: true });

  await build({
    entryPoints: [join(FUNCTIONS_DIR, name, 'handler.ts')],
    outfile: join(outdir, 'index.mjs'),
    ...LAMBDA_BUILD_OPTIONS,
  });

  const code = readFileSync(join(outdir, 'index.mjs'));
  const map = readFileSync(join(outdir, 'index.mjs.map'));
  const zip = zipSync(
    {
      'index.mjs': [code, { mtime: ZIP_MTIME }],
      'index.mjs.map': [map, { mtime: ZIP_MTIME }],
    },
    { level: 9 },
  );
  writeFileSync(join(OUT_DIR, `${name}.zip`), zip);

  console.log(
    JSON.stringify({
      message: 'bundle built',
      function: name,
      bundle: join(outdir, 'index.mjs'),
      bytes: code.length,
      gzipBytes: gzipSync(code).length,
      zip: join(OUT_DIR, `${name}.zip`),
      zipBytes: zip.length,
    }),
  );
}
