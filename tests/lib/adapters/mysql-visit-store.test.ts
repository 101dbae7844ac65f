import { describe, expect, it } from '@jest/globals';
import { MysqlVisitStore } from '../../../lib/adapters/mysql/mysql-visit-store.ts';
import { MAX_ROWS_PER_STATEMENT } from '../../../lib/adapters/statement-chunks.ts';
import { captureLogger } from '../../fixtures/capture-logger.ts';

describe('MysqlVisitStore', () => {
  it('echoes one parameterised upsert for a batch of direct visits', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const store = new MysqlVisitStore(logger);

    // Act
    await store.saveVisits('direct', [
      {
        messageId: 'm-1',
        type: 'direct',
        createdAt: '2021-12-16T12:50:00.000Z',
        ip: '192.0.2.1',
      },
      {
        messageId: 'm-2',
        type: 'direct',
        createdAt: '2021-12-16T12:51:00.000Z',
      },
    ]);

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'mysql upsert',
      table: 'traffic_direct_visits',
      rows: 2,
      sql:
        'INSERT INTO traffic_direct_visits (message_id, created_at, ip) ' +
        'VALUES (?, ?, ?), (?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE created_at = VALUES(created_at), ip = VALUES(ip)',
      params: [
        'm-1',
        '2021-12-16 12:50:00.000',
        '192.0.2.1',
        'm-2',
        '2021-12-16 12:51:00.000',
        null,
      ],
    });
  });

  it('writes referrer visits with their url and host', async () => {
    // Prepare
    const { logger, lines } = captureLogger();
    const store = new MysqlVisitStore(logger);

    // Act
    await store.saveVisits('referrer', [
      {
        messageId: 'm-3',
        type: 'referrer',
        createdAt: '2021-12-16T12:50:00.000Z',
        url: 'http://test.com/',
        host: 'test.com',
      },
    ]);

    // Assess
    expect(lines[0]).toMatchObject({
      table: 'traffic_referrer_visits',
      sql:
        'INSERT INTO traffic_referrer_visits ' +
        '(message_id, created_at, ip, url, url_host) VALUES (?, ?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE created_at = VALUES(created_at), ' +
        'ip = VALUES(ip), url = VALUES(url), url_host = VALUES(url_host)',
      params: [
        'm-3',
        '2021-12-16 12:50:00.000',
        null,
        'http://test.com/',
        'test.com',
      ],
    });
  });

  it('writes nothing for an empty batch', async () => {
    // Prepare
    const { logger, lines } = captureLogger();

    // Act
    await new MysqlVisitStore(logger).saveVisits('direct', []);

    // Assess
    expect(lines).toEqual([]);
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
    await new MysqlVisitStore(logger).saveVisits('direct', visits);

    // Assess
    expect(lines.map((line) => [line.message, line.table, line.rows])).toEqual([
      ['mysql upsert', 'traffic_direct_visits', MAX_ROWS_PER_STATEMENT],
      ['mysql upsert', 'traffic_direct_visits', MAX_ROWS_PER_STATEMENT],
      ['mysql upsert', 'traffic_direct_visits', 1],
    ]);
    expect(
      lines
        .map((line) => JSON.stringify(line).length)
        .every((n) => n < 256 * 1024),
    ).toBe(true);
  });
});
