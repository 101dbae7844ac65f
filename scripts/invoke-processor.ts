import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs the built processor bundle on one SQS event file, as Lambda would,
 * and prints its response as the last line. Usage:
 * `node scripts/invoke-processor.ts <event.json> [bundle.mjs]`.
 */
const [eventFile, bundle = 'dist/traffic-processor/index.mjs'] =
  process.argv.slice(2);
if (eventFile === undefined) {
  console.error('usage: invoke-processor <event.json> [bundle.mjs]');
  process.exit(2);
}

const { handler } = await import(pathToFileURL(resolve(bundle)).href);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  awsRequestId: 'local-invoke',
  functionName: 'traffic-processor',
  getRemainingTimeInMillis: () => 30_000,
};

const response = await handler(event, context);
process.stdout.write(`${JSON.stringify(response)}\n`);
