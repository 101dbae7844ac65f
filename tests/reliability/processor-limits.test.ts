import { describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { MAX_BATCH_RECORDS } from '../../lib/processor/process-visit-batch.ts';
import { buildSqsRecord } from '../fixtures/sqs-record.ts';
import {
  captureRawLogger,
  findLogFaults,
} from '../security/log-line-faults.ts';
import { RecordingVisitStore } from './recording-visit-store.ts';
import { NOW } from './visit-arbitraries.ts';

const context = {} as Context;
const body = JSON.stringify({ type: 'direct', created_at: NOW });

function buildEvent(size: number): SQSEvent {
  const record = buildSqsRecord(body);
  return {
    Records: Array.from({ length: size }, (_, index) => ({
      ...record,
      messageId: `m-${index}`,
    })),
  };
}

function setUp() {
  const { logger, lines } = captureRawLogger('traffic-processor');
  const store = new RecordingVisitStore();
  const handler = createProcessorHandler({
    logger,
    configure: () => ({ store, ipStorage: 'truncated' }),
    now: () => NOW,
  });

  return { handler, store, lines };
}

const parse = (lines: string[]) =>
  lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('createProcessorHandler batch limit', () => {
  it('refuses a batch over Lambda’s maximum whole, before storing anything', async () => {
    // Prepare
    const { handler, store, lines } = setUp();
    const event = buildEvent(MAX_BATCH_RECORDS + 1);

    // Act
    const response = await handler(event, context);

    // Assess
    expect(MAX_BATCH_RECORDS).toBe(10_000);
    expect(response.batchItemFailures).toHaveLength(MAX_BATCH_RECORDS + 1);
    expect(response.batchItemFailures.at(-1)).toEqual({
      itemIdentifier: `m-${MAX_BATCH_RECORDS}`,
    });
    expect(store.writes.size).toBe(0);
    const entries = parse(lines);
    expect(entries.filter((line) => line.level === 'error')).toEqual([
      expect.objectContaining({
        message: 'batch too large',
        records: MAX_BATCH_RECORDS + 1,
        limit: MAX_BATCH_RECORDS,
      }),
    ]);
    const failed = entries.filter((line) => line.message === 'record failed');
    expect(failed).toHaveLength(MAX_BATCH_RECORDS + 1);
    expect(new Set(failed.map((line) => line.reason))).toEqual(
      new Set(['batch_too_large']),
    );
    expect(findLogFaults(lines)).toEqual([]);
  });

  it('processes a batch of exactly Lambda’s maximum', async () => {
    // Prepare
    const { handler, store, lines } = setUp();
    const event = buildEvent(MAX_BATCH_RECORDS);

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(store.writes.size).toBe(MAX_BATCH_RECORDS);
    expect(parse(lines).map((line) => line.message)).toEqual([
      'batch processed',
    ]);
  });
});
