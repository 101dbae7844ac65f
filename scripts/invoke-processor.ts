import { readFileSync } from 'node:fs';
import { PIPELINE_DEFAULTS } from '../lib/pipeline-defaults.ts';
import { createLambdaContext } from '../lib/worker/lambda-context.ts';
import { loadHandler, PROCESSOR_BUNDLE } from '../lib/worker/load-handler.ts';

/**
 * Runs the built processor bundle on one SQS event file, as Lambda would,
 * and prints its response as the last line. Usage:
 * `node scripts/invoke-processor.ts <event.json> [bundle.mjs]`.
 */
process.setSourceMapsEnabled(true);
const [eventFile, bundle = PROCESSOR_BUNDLE] = process.argv.slice(2);
if (eventFile === undefined) {
  process.stderr.write('usage: invoke-processor <event.json> [bundle.mjs]\n');
  process.exit(2);
}

const handler = await loadHandler(bundle);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = createLambdaContext({
  functionName: 'traffic-processor',
  region: PIPELINE_DEFAULTS.region,
  accountId: '000000000000',
  timeoutMs: PIPELINE_DEFAULTS.processorTimeoutSeconds * 1000,
});

const response = await handler(event, context);
process.stdout.write(`${JSON.stringify(response)}\n`);
