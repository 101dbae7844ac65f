import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { buildLambdaContext } from './context.ts';

/**
 * A cold Lambda in one process: loads a bundle, reads one event file and
 * handles it once. With `-` as the bundle it only reads and parses the
 * event. Prints one JSON line of measures on stderr, since the handler owns
 * stdout. Usage: `invoke-once.mjs <bundle.mjs | -> <event.json>`.
 */
const [bundle, eventFile] = process.argv.slice(2);
if (bundle === undefined || eventFile === undefined) {
  throw new Error('usage: invoke-once <bundle.mjs | -> <event.json>');
}

const handler =
  bundle === '-'
    ? undefined
    : (await import(pathToFileURL(bundle).href)).handler;
const event = JSON.parse(readFileSync(eventFile, 'utf8'));

const response = await handler?.(event, buildLambdaContext('bench'));

process.stderr.write(
  `${JSON.stringify({
    readyMs: performance.now(),
    maxRssKb: process.resourceUsage().maxRSS,
    records: event.Records.length,
    failures: response?.batchItemFailures.length ?? null,
  })}\n`,
);
