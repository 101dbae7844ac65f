import { describe, expect, it } from '@jest/globals';
import {
  BUCKETS_PER_DAY,
  bucketOf,
  CassandraVisitStore,
} from '../../../lib/adapters/cassandra/cassandra-visit-store.ts';
import { MAX_ROWS_PER_STATEMENT } from '../../../lib/adapters/statement-chunks.ts';
import { captureLogger } from '../../fixtures/capture-logger.ts';

describe('CassandraVisitStore', () => {
  it('echoes one prepared insert with a row per visit, keyed by day and bucket', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const store = new CassandraVisitStore(logger);

    // Act
    await store.saveVisits('referrer', [
      {
        messageId: 'm-1',
        type: 'referrer',
        createdAt: '2021-12-16T23:59:59.999Z',
        ip: '2001:db8::1',
        url: 'http://test.com/',
        host: 'test.com',
      },
    ]);

    // Assess
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'cassandra insert',
        table: 'traffic.referrer_visits_by_day',
        rows: 1,
        cql:
          'INSERT INTO traffic.referrer_visits_by_day ' +
          '(day, bucket, created_at, message_id, ip, url, url_host) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
        params: [
          [
            '2021-12-16',
            bucketOf('m-1'),
            '2021-12-16T23:59:59.999Z',
            'm-1',
            '2001:db8::1',
            'http://test.com/',
            'test.com',
          ],
        ],
      }),
    ]);
  });

  it('writes direct visits without url columns', async () => {
    // Prepare
    const { logger, lines } = captureLogger();

    // Act
    await new CassandraVisitStore(logger).saveVisits('direct', [
      {
        messageId: 'm-2',
        type: 'direct',
        createdAt: '2021-12-17T00:00:00.000Z',
      },
    ]);

    // Assess
    expect(lines[0]).toMatchObject({
      table: 'traffic.direct_visits_by_day',
      cql:
        'INSERT INTO traffic.direct_visits_by_day ' +
        '(day, bucket, created_at, message_id, ip) VALUES (?, ?, ?, ?, ?)',
      params: [
        [
          '2021-12-17',
          bucketOf('m-2'),
          '2021-12-17T00:00:00.000Z',
          'm-2',
          null,
        ],
      ],
    });
  });

  it('spreads message ids over every bucket of a day, the same id always in one', () => {
    // Prepare
    const ids = Array.from({ length: 1000 }, (_, i) => `message-${i}`);

    // Act
    const buckets = ids.map(bucketOf);

    // Assess
    expect(new Set(buckets).size).toBe(BUCKETS_PER_DAY);
    expect(buckets.every((b) => b >= 0 && b < BUCKETS_PER_DAY)).toBe(true);
    expect(ids.map(bucketOf)).toEqual(buckets);
  });

  it('splits a large batch into statements of at most MAX_ROWS_PER_STATEMENT rows', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const visits = Array.from(
      { length: MAX_ROWS_PER_STATEMENT * 2 + 1 },
      (_, i) => ({
        messageId: `m-${i}`,
        type: 'direct' as const,
        createdAt: '2021-12-16T12:50:00.000Z',
      }),
    );

    // Act
    await new CassandraVisitStore(logger).saveVisits('direct', visits);

    // Assess
    expect(lines.map((line) => [line.message, line.table, line.rows])).toEqual([
      [
        'cassandra insert',
        'traffic.direct_visits_by_day',
        MAX_ROWS_PER_STATEMENT,
      ],
      [
        'cassandra insert',
        'traffic.direct_visits_by_day',
        MAX_ROWS_PER_STATEMENT,
      ],
      ['cassandra insert', 'traffic.direct_visits_by_day', 1],
    ]);
    expect(
      lines
        .map((line) => JSON.stringify(line).length)
        .every((n) => n < 256 * 1024),
    ).toBe(true);
  });
});
