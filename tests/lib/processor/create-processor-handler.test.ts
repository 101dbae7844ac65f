import { describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { CassandraVisitStore } from '../../../lib/adapters/cassandra/cassandra-visit-store.ts';
import { MysqlVisitStore } from '../../../lib/adapters/mysql/mysql-visit-store.ts';
import { ConfigurationError } from '../../../lib/configuration-error.ts';
import { createProcessorHandler } from '../../../lib/processor/create-processor-handler.ts';
import type {
  StoredVisit,
  VisitStore,
} from '../../../lib/storage/visit-store.port.ts';
import type { VisitType } from '../../../lib/visit/visit.schema.ts';
import { captureLogger, linesWith } from '../../fixtures/capture-logger.ts';
import { loadEvent } from '../../fixtures/load-event.ts';

const context = {} as Context;
const NOW = Date.UTC(2021, 11, 16, 13, 0, 0);

function setUp(
  buildStore = (log: ReturnType<typeof captureLogger>['logger']): VisitStore =>
    new MysqlVisitStore(log),
) {
  const { logger, lines } = captureLogger('traffic-processor');
  const store = buildStore(logger);
  const handler = createProcessorHandler({
    logger,
    configure: () => ({ store, ipStorage: 'full' }),
    now: () => NOW,
  });

  return { handler, lines };
}

const idsAt = (event: SQSEvent, indexes: number[]) =>
  indexes.map((index) => event.Records[index]?.messageId);

describe('createProcessorHandler', () => {
  it('stores a batch of valid direct visits in one write and reports nothing', async () => {
    // Prepare
    const { handler, lines } = setUp();
    const event = loadEvent('sqs', 'valid-direct');

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const upserts = linesWith(lines, 'mysql upsert');
    expect(upserts).toHaveLength(1);
    expect(upserts[0]).toMatchObject({
      table: 'traffic_direct_visits',
      rows: 3,
      params: [
        ...[event.Records[0]?.messageId, '2021-12-16 12:50:00.000', null],
        ...[
          event.Records[1]?.messageId,
          '2021-12-16 12:50:00.000',
          '127.0.0.1',
        ],
        ...[
          event.Records[2]?.messageId,
          '2021-12-16 12:30:00.000',
          '2001:db8::1',
        ],
      ],
    });
  });

  it('stores valid referrer visits with canonical url and host', async () => {
    // Prepare
    const { handler, lines } = setUp();
    const event = loadEvent('sqs', 'valid-referrer');

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(linesWith(lines, 'mysql upsert')[0]?.params).toEqual([
      ...[event.Records[0]?.messageId, '2021-12-16 12:50:00.000', null],
      ...['http://test.com/', 'test.com'],
      ...[event.Records[1]?.messageId, '2021-12-16 12:50:00.000', '192.0.2.7'],
      ...['https://sub.example.com/a?b=c#d', 'sub.example.com'],
      ...[event.Records[2]?.messageId, '2021-12-16 12:30:00.000', null],
      ...['http://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ]);
  });

  it('stores truncated client addresses when configured to', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const store = new MysqlVisitStore(logger);
    const handler = createProcessorHandler({
      logger,
      configure: () => ({ store, ipStorage: 'truncated' }),
    });
    const event = loadEvent('sqs', 'valid-direct');

    // Act
    await handler(event, context);

    // Assess
    const params = linesWith(lines, 'mysql upsert')[0]?.params as unknown[];
    expect([params[2], params[5], params[8]]).toEqual([
      null,
      '127.0.0.0',
      '2001:db8::',
    ]);
  });

  it('reports exactly the invalid records of a mixed batch and stores the rest', async () => {
    // Prepare
    const { handler, lines } = setUp();
    const event = loadEvent('sqs', 'mixed');

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      idsAt(event, [1, 3, 4, 5]),
    );
    const upserts = linesWith(lines, 'mysql upsert');
    expect(upserts.map((line) => [line.table, line.rows])).toEqual([
      ['traffic_direct_visits', 2],
      ['traffic_referrer_visits', 1],
    ]);
    expect(
      linesWith(lines, 'record rejected').map(
        ({ messageId, field, reason }) => ({
          messageId,
          field,
          reason,
        }),
      ),
    ).toEqual([
      {
        messageId: event.Records[1]?.messageId,
        field: 'type',
        reason: 'not_a_visit_type',
      },
      {
        messageId: event.Records[3]?.messageId,
        field: 'body',
        reason: 'not_json',
      },
      {
        messageId: event.Records[4]?.messageId,
        field: 'created_at',
        reason: 'implausible_time',
      },
      {
        messageId: event.Records[5]?.messageId,
        field: 'url',
        reason: 'unsupported_scheme',
      },
    ]);
    expect(linesWith(lines, 'batch processed')).toEqual([
      expect.objectContaining({
        level: 'info',
        received: 7,
        stored: { direct: 2, referrer: 1 },
        rejected: 4,
        failed: 0,
      }),
    ]);
  });

  it('never logs a rejected body', async () => {
    // Prepare
    const { handler, lines } = setUp();
    const event = loadEvent('sqs', 'invalid-url');

    // Act
    await handler(event, context);

    // Assess
    const logged = lines.map((line) => JSON.stringify(line)).join('\n');
    expect(logged).not.toContain('javascript');
    expect(logged).not.toContain('Set-Cookie');
    expect(linesWith(lines, 'record rejected')).toHaveLength(
      event.Records.length,
    );
  });

  it.each([
    'invalid-type',
    'invalid-created-at',
    'invalid-ip',
    'invalid-url',
    'invalid-body',
  ])('reports every record of %s and writes nothing', async (variant) => {
    // Prepare
    const { handler, lines } = setUp();
    const event = loadEvent('sqs', variant);

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.map((record) => record.messageId),
    );
    expect(linesWith(lines, 'mysql upsert')).toEqual([]);
  });

  it('fails only the records of the table whose write failed', async () => {
    // Prepare
    const outage = new Error('connection reset');
    const { handler, lines } = setUp((log) => {
      const mysql = new MysqlVisitStore(log);
      return {
        saveVisits: (type: VisitType, visits: readonly StoredVisit[]) =>
          type === 'referrer'
            ? Promise.reject(outage)
            : mysql.saveVisits(type, visits),
      };
    });
    const event = loadEvent('sqs', 'mixed');

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      idsAt(event, [1, 2, 3, 4, 5]),
    );
    expect(linesWith(lines, 'mysql upsert').map((line) => line.table)).toEqual([
      'traffic_direct_visits',
    ]);
    expect(linesWith(lines, 'write failed')).toEqual([
      expect.objectContaining({
        level: 'error',
        type: 'referrer',
        records: 1,
        error: { name: 'Error', message: 'connection reset' },
      }),
    ]);
    expect(linesWith(lines, 'record failed')).toEqual([
      expect.objectContaining({
        messageId: event.Records[2]?.messageId,
        reason: 'write_failed',
      }),
    ]);
  });

  it('reports every record and writes nothing when the store cannot be built', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const handler = createProcessorHandler({
      logger,
      configure: () => {
        throw new ConfigurationError('STORAGE_ADAPTER', 'postgres', ['mysql']);
      },
    });
    const event = loadEvent('sqs', 'valid-direct');

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.map((record) => record.messageId),
    );
    expect(linesWith(lines, 'invocation failed')).toEqual([
      expect.objectContaining({
        level: 'error',
        records: 3,
        error: {
          name: 'ConfigurationError',
          message: 'STORAGE_ADAPTER must be one of: mysql',
        },
      }),
    ]);
    expect(
      linesWith(lines, 'record failed').map((line) => line.messageId),
    ).toEqual(event.Records.map((record) => record.messageId));
    expect(linesWith(lines, 'batch processed')).toEqual([]);
  });

  it('upserts a message id delivered twice in one batch under that same id', async () => {
    // Prepare
    const { handler, lines } = setUp((log) => new CassandraVisitStore(log));
    const event = loadEvent('sqs', 'duplicates');
    const duplicated = event.Records[0]?.messageId;

    // Act
    const response = await handler(event, context);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    const direct = linesWith(lines, 'cassandra insert')[0]
      ?.params as unknown[][];
    expect(direct.map((row) => row[3])).toEqual([duplicated, duplicated]);
    expect(direct[0]).toEqual(direct[1]);
  });

  it('fails the invocation on a record that is not an object, logging it once', async () => {
    // Prepare
    const { handler, lines } = setUp();
    const event = { Records: [null] } as unknown as SQSEvent;

    // Act
    const invocation = handler(event, context);

    // Assess
    await expect(invocation).rejects.toThrow(TypeError);
    expect(linesWith(lines, 'invocation failed')).toHaveLength(1);
    expect(linesWith(lines, 'record failed')).toEqual([
      expect.objectContaining({ reason: 'invocation_failed' }),
    ]);
    expect(linesWith(lines, 'mysql upsert')).toEqual([]);
  });

  it('answers an event without records with no failures', async () => {
    // Prepare
    const { handler, lines } = setUp();

    // Act
    const response = await handler({} as SQSEvent, context);

    // Assess
    expect(response).toEqual({ batchItemFailures: [] });
    expect(linesWith(lines, 'batch processed')[0]).toMatchObject({
      received: 0,
    });
  });
});
