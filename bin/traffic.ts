#!/usr/bin/env node
import { createProgram } from '../lib/cli/create-program.ts';
import { describeError } from '../lib/cli/describe-error.ts';

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`traffic: ${describeError(error)}\n`);
  process.exitCode = 1;
}
