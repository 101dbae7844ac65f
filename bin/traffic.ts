#!/usr/bin/env node
import { createProgram } from '../lib/cli/create-program.ts';
import { describeError } from '../lib/cli/describe-error.ts';

// Stack traces from a bundle point at its TypeScript source.
process.setSourceMapsEnabled(true);

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`traffic: ${describeError(error)}\n`);
  process.exitCode = 1;
}
