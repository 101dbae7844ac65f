import { describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import fc from 'fast-check';
import { MysqlVisitStore } from '../../lib/adapters/mysql/mysql-visit-store.ts';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { EARLIEST_VISIT_MS } from '../../lib/visit/created-at.ts';
import {
  MAX_BODY_BYTES,
  parseVisitBody,
} from '../../lib/visit/parse-visit-body.ts';
import { createVisitSchema } from '../../lib/visit/visit.schema.ts';
import { buildSqsRecord } from '../fixtures/sqs-record.ts';
import {
  captureRawLogger,
  findLogFaults,
} from '../security/log-line-faults.ts';
import { RecordingVisitStore } from './recording-visit-store.ts';
import {
  CANARY,
  EDGE_CREATED_AT,
  hostileBody,
  LARGE_BODIES,
  LATEST_VISIT_MS,
  NOW,
  POLLUTION_MARK,
  validVisitBody,
  writeJsonObject,
} from './visit-arbitraries.ts';

const context = {} as Context;
const schema = createVisitSchema(() => NOW);

type Entry = { kind: 'valid' | 'hostile'; body: unknown };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  validVisitBody.map((body): Entry => ({ kind: 'valid', body })),
  hostileBody.map((body): Entry => ({ kind: 'hostile', body })),
);

const STORED_KEYS = ['type', 'createdAt', 'ip', 'url', 'host', 'messageId'];
const REJECTED_FIELDS = ['body', 'type', 'created_at', 'ip', 'url'];

function toEvent(entries: readonly Entry[]): SQSEvent {
  const records = entries.map(({ body }, index): SQSRecord => {
    const messageId = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    return { ...buildSqsRecord(''), messageId, body: body as string };
  });

  return { Records: records };
}

function snapshotPrototypes(): string[] {
  return [Object.prototype, Array.prototype, Function.prototype].flatMap(
    (prototype) => Reflect.ownKeys(prototype).map(String),
  );
}

function setUp(
  ipStorage: 'truncated' | 'full',
  fails: () => boolean = () => false,
) {
  const { logger, lines } = captureRawLogger('traffic-processor');
  const store = new RecordingVisitStore({ fails }, new MysqlVisitStore(logger));
  const handler = createProcessorHandler({
    logger,
    configure: () => ({ store, ipStorage }),
    now: () => NOW,
  });

  return { handler, store, lines };
}

/** Parsed log lines that name `messageId` as a failed or rejected record. */
function failureLinesFor(lines: readonly string[], messageId: string) {
  return lines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter(
      (line) =>
        line.messageId === messageId &&
        (line.message === 'record rejected' ||
          line.message === 'record failed'),
    );
}

describe('createProcessorHandler under arbitrary input', () => {
  const prototypesBefore = snapshotPrototypes();

  it('stores each record exactly once or reports it, as the contract decides', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { maxLength: 25 }),
        fc.constantFrom('truncated', 'full' as const),
        async (entries, ipStorage) => {
          // Prepare
          const { handler, store, lines } = setUp(ipStorage);
          const event = toEvent(entries);

          // Act
          const response = await handler(event, context);

          // Assess
          const reported = response.batchItemFailures.map(
            (failure) => failure.itemIdentifier,
          );
          const failed = new Set(reported);
          expect(reported).toHaveLength(failed.size);
          event.Records.forEach((record, index) => {
            const { kind, body } = entries[index] as Entry;
            const writes = store.writes.get(record.messageId) ?? 0;
            const accepted = parseVisitBody(body, schema).success;
            expect({ writes, failed: failed.has(record.messageId) }).toEqual(
              accepted
                ? { writes: 1, failed: false }
                : { writes: 0, failed: true },
            );
            if (kind === 'valid') expect(accepted).toBe(true);
          });
          const ids = new Set(event.Records.map((record) => record.messageId));
          for (const [id, visit] of store.rows) {
            expect(ids.has(id)).toBe(true);
            expect(Object.getPrototypeOf(visit)).toBe(Object.prototype);
            expect(
              Object.keys(visit).filter((key) => !STORED_KEYS.includes(key)),
            ).toEqual([]);
          }
          expect(findLogFaults(lines)).toEqual([]);
          expect(lines.filter((line) => line.includes(CANARY))).toEqual([]);
          for (const id of failed) {
            const [line, ...more] = failureLinesFor(lines, id);
            expect(more).toEqual([]);
            expect(line?.reason).toMatch(/^[a-z0-9_]+$/);
            if (line?.message === 'record rejected') {
              expect(REJECTED_FIELDS).toContain(line.field);
            }
          }
          expect(snapshotPrototypes()).toEqual(prototypesBefore);
          expect(POLLUTION_MARK in {}).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('fails exactly the records of each failed write and stores the rest once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(entry, { minLength: 1, maxLength: 25 }),
        fc.infiniteStream(fc.boolean()),
        async (entries, outcomes) => {
          // Prepare
          const failures = outcomes[Symbol.iterator]();
          const { handler, store, lines } = setUp(
            'truncated',
            () => failures.next().value === true,
          );
          const event = toEvent(entries);

          // Act
          const response = await handler(event, context);

          // Assess
          const failed = new Set(
            response.batchItemFailures.map((failure) => failure.itemIdentifier),
          );
          for (const record of event.Records) {
            const writes = store.writes.get(record.messageId) ?? 0;
            expect(writes + (failed.has(record.messageId) ? 1 : 0)).toBe(1);
            expect(failureLinesFor(lines, record.messageId)).toHaveLength(
              writes === 1 ? 0 : 1,
            );
          }
          const writeFailures = lines.filter((line) =>
            line.includes('"message":"write failed"'),
          );
          expect(writeFailures).toHaveLength(store.failedWrites);
          expect(findLogFaults(lines)).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('the visit contract at its edges', () => {
  const read = (members: [string, string][]) =>
    parseVisitBody(writeJsonObject(members), schema);
  const direct = (createdAt: string) =>
    read([
      ['type', '"direct"'],
      ['created_at', createdAt],
    ]);

  it.each([
    [String(EARLIEST_VISIT_MS), true],
    [String(LATEST_VISIT_MS), true],
    [JSON.stringify(new Date(LATEST_VISIT_MS).toISOString()), true],
    [String(LATEST_VISIT_MS + 1), false],
    [String(EARLIEST_VISIT_MS - 1), false],
    ['-0', false],
    ['1e308', false],
    ['9007199254740992', false],
    ['"NaN"', false],
    [String(Math.trunc(NOW / 1000)), false],
  ])('reads created_at %s as accepted: %s', (createdAt, accepted) => {
    // Act
    const result = direct(createdAt);

    // Assess
    expect(result.success).toBe(accepted);
  });

  it('refuses every edge value it cannot place in time without throwing', () => {
    // Act
    const results = EDGE_CREATED_AT.map((createdAt) => ({
      createdAt,
      result: direct(createdAt),
    }));

    // Assess
    const accepted = results
      .filter(({ result }) => result.success)
      .map(({ createdAt }) => createdAt);
    expect(accepted.sort()).toEqual(
      [
        String(EARLIEST_VISIT_MS),
        String(LATEST_VISIT_MS),
        JSON.stringify(new Date(EARLIEST_VISIT_MS).toISOString()),
        JSON.stringify(new Date(LATEST_VISIT_MS).toISOString()),
      ].sort(),
    );
  });

  it('accepts a body of exactly 256 KiB and refuses one byte more', () => {
    // Prepare
    const { atLimit, overLimit, multibyteOverLimit } = LARGE_BODIES;

    // Act
    const results = [atLimit, overLimit, multibyteOverLimit].map((body) =>
      parseVisitBody(body, schema),
    );

    // Assess
    expect(Buffer.byteLength(atLimit)).toBe(MAX_BODY_BYTES);
    expect(Buffer.byteLength(overLimit)).toBe(MAX_BODY_BYTES + 1);
    expect(multibyteOverLimit.length).toBeLessThan(MAX_BODY_BYTES);
    expect(Buffer.byteLength(multibyteOverLimit)).toBeGreaterThan(
      MAX_BODY_BYTES,
    );
    expect(results.map((result) => result.success)).toEqual([
      true,
      false,
      false,
    ]);
    expect(results.slice(1)).toEqual([
      { success: false, rejection: { field: 'body', reason: 'too_large' } },
      { success: false, rejection: { field: 'body', reason: 'too_large' } },
    ]);
  });

  it('refuses nesting deep enough to exhaust a recursive reader', () => {
    // Prepare
    const { deepArray, deepObject, deepType } = LARGE_BODIES;

    // Act
    const results = [deepArray, deepObject, deepType].map((body) =>
      parseVisitBody(body, schema),
    );

    // Assess
    expect(results.map(({ success }) => success)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
