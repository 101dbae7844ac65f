import { pathToFileURL } from 'node:url';
import type { SQSEvent } from 'aws-lambda';
import {
  buildBurstBodies,
  buildSqsEvent,
  isInvalidInBurst,
} from '../events/build-sqs-event.ts';
import type { CreateSinkHandler } from '../sink/create-sink-handler.ts';
import { buildLambdaContext } from './context.ts';

/**
 * A warm Lambda: handles bursts of `batchSize` records until `warmup`
 * records are done, then times `records` more. Prints one JSON line with
 * the time per record and the failures seen and expected.
 * Usage: `warm-loop.mjs <sink.mjs> <batchSize> <records> <warmup>`.
 */
const [bundle, ...numbers] = process.argv.slice(2);
const [batchSize = 0, records = 0, warmup = 0] = numbers.map(Number);
if (bundle === undefined || batchSize < 1 || records < 1) {
  throw new Error('usage: warm-loop <sink.mjs> <batchSize> <records> <warmup>');
}

const POOL_RECORDS = 10_000;

const { createSinkHandler } = (await import(pathToFileURL(bundle).href)) as {
  createSinkHandler: CreateSinkHandler;
};
const handler = createSinkHandler({ write: () => {} });
const context = buildLambdaContext('bench');

const bodies = buildBurstBodies(Math.max(POOL_RECORDS, batchSize), Date.now());
const events: SQSEvent[] = [];
const expected: number[] = [];
for (let first = 0; first + batchSize <= bodies.length; first += batchSize) {
  events.push(buildSqsEvent(bodies.slice(first, first + batchSize), first));
  let invalid = 0;
  for (let i = first; i < first + batchSize; i++) {
    if (isInvalidInBurst(i)) invalid++;
  }
  expected.push(invalid);
}

async function handleRecords(count: number) {
  let failures = 0;
  let expectedFailures = 0;
  for (let done = 0, i = 0; done < count; done += batchSize, i++) {
    const index = i % events.length;
    const response = await handler(events[index] as SQSEvent, context);
    failures += response.batchItemFailures.length;
    expectedFailures += expected[index] as number;
  }

  return { failures, expectedFailures };
}

await handleRecords(warmup);
const start = process.hrtime.bigint();
const { failures, expectedFailures } = await handleRecords(records);
const elapsedNs = Number(process.hrtime.bigint() - start);

process.stdout.write(
  `${JSON.stringify({
    nsPerRecord: elapsedNs / records,
    records,
    failures,
    expectedFailures,
  })}\n`,
);
