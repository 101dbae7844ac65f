import { createHash } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import {
  type BodyCase,
  listInvalidBodies,
  listValidBodies,
  occursInBursts,
} from './visit-body-cases.ts';

const SENT_AT = '1639659000000';

/** The share of records in a generated burst that break the contract. */
export const INVALID_SHARE = 0.1;

/**
 * Wraps bodies into a Lambda SQS event. Message ids are derived from
 * `firstId` and the position, so a run is reproducible.
 */
export function buildSqsEvent(bodies: readonly unknown[], firstId = 0) {
  return {
    Records: bodies.map((body, index) => buildRecord(body, firstId + index)),
  } satisfies SQSEvent;
}

/**
 * Builds `size` bodies of a burst: every tenth one invalid, cycling through
 * the invalid kinds a burst can carry, the rest cycling through the valid
 * forms.
 */
export function buildBurstBodies(size: number, now: number): string[] {
  const valid = listValidBodies(now);
  const invalid = listInvalidBodies(now).filter(occursInBursts);
  const period = Math.round(1 / INVALID_SHARE);

  return Array.from({ length: size }, (_, index) => {
    const picked = isInvalidInBurst(index)
      ? invalid[Math.floor(index / period) % invalid.length]
      : valid[index % valid.length];
    return (picked as BodyCase).body as string;
  });
}

/** Whether `index` holds an invalid body in {@link buildBurstBodies}. */
export function isInvalidInBurst(index: number): boolean {
  const period = Math.round(1 / INVALID_SHARE);
  return index % period === period - 1;
}

function buildRecord(body: unknown, id: number): SQSRecord {
  const messageId = `00000000-0000-4000-8000-${id.toString(16).padStart(12, '0')}`;
  const text = typeof body === 'string' ? body : '';

  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body: body as string,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: SENT_AT,
      SenderId: 'AIDAEXAMPLEEXAMPLE0001',
      ApproximateFirstReceiveTimestamp: SENT_AT,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(text).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:traffic-queue',
    awsRegion: 'us-east-1',
  };
}
