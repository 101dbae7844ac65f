#!/usr/bin/env node
import { createProgram } from '../lib/cli/create-program.ts';

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`traffic: ${message}\n`);
  process.exitCode = 1;
}
