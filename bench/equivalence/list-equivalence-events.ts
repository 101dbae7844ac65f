import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SQSEvent } from 'aws-lambda';
import {
  buildBurstBodies,
  buildSqsEvent,
  isInvalidInBurst,
} from '../events/build-sqs-event.ts';
import {
  listInvalidBodies,
  listValidBodies,
} from '../events/visit-body-cases.ts';

/** An event to run through every contender, with the ids that must fail
 * when the generator knows them. */
export type EventCase = {
  name: string;
  event: SQSEvent;
  expectedFailures?: string[];
};

const FIXTURES_DIR = new URL(
  '../../tests/fixtures/events/sqs/',
  import.meta.url,
).pathname;

const BURST_SIZE = 1000;

/**
 * Every SQS fixture of the tests, each generated body alone (so full batch
 * failures are covered), all bodies in one event, and one burst.
 */
export function listEquivalenceEvents(now: number): EventCase[] {
  const fixtures = readdirSync(FIXTURES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: `fixture ${file}`,
      event: JSON.parse(
        readFileSync(join(FIXTURES_DIR, file), 'utf8'),
      ) as SQSEvent,
    }));

  const valid = listValidBodies(now);
  const invalid = listInvalidBodies(now);
  const cases = [...valid, ...invalid];
  const singles = cases.map((bodyCase, index) => {
    const event = buildSqsEvent([bodyCase.body], index);
    return {
      name: `generated ${bodyCase.name}`,
      event,
      expectedFailures: invalid.includes(bodyCase)
        ? event.Records.map((record) => record.messageId)
        : [],
    };
  });

  const all = buildSqsEvent(cases.map((bodyCase) => bodyCase.body));
  const burst = buildSqsEvent(buildBurstBodies(BURST_SIZE, now));

  return [
    ...fixtures,
    ...singles,
    {
      name: 'generated all cases',
      event: all,
      expectedFailures: all.Records.slice(valid.length).map(
        (record) => record.messageId,
      ),
    },
    {
      name: `generated burst of ${BURST_SIZE}`,
      event: burst,
      expectedFailures: burst.Records.filter((_, index) =>
        isInvalidInBurst(index),
      ).map((record) => record.messageId),
    },
  ];
}
