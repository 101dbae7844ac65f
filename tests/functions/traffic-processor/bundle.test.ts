import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { loadEvent } from '../../fixtures/load-event.ts';

const run = promisify(execFile);

const MIXED = 'tests/fixtures/events/sqs/mixed.json';

async function invokeBundle(env: Record<string, string>) {
  const { stdout } = await run(
    process.execPath,
    ['scripts/invoke-processor.ts', MIXED],
    { env: { PATH: process.env.PATH, ...env } },
  );
  const lines = stdout.trim().split('\n');

  return {
    logs: lines.slice(0, -1).map((line) => JSON.parse(line)),
    response: JSON.parse(lines.at(-1) ?? 'null'),
  };
}

describe('traffic-processor bundle', () => {
  const event = loadEvent('sqs', 'mixed');
  const failedIds = [1, 3, 4, 5].map((i) => event.Records[i]?.messageId);

  it.each([
    ['mysql', 'mysql upsert'],
    ['cassandra', 'cassandra insert'],
  ])(
    'echoes %s writes and reports the invalid records',
    async (adapter, message) => {
      // Act
      const { logs, response } = await invokeBundle({
        STORAGE_ADAPTER: adapter,
      });

      // Assess
      expect(
        response.batchItemFailures.map(
          (f: { itemIdentifier: string }) => f.itemIdentifier,
        ),
      ).toEqual(failedIds);
      const writes = logs.filter((line) => line.message === message);
      expect(writes.map((line) => [line.table, line.rows])).toEqual([
        [
          adapter === 'mysql'
            ? 'traffic_direct_visits'
            : 'traffic.direct_visits_by_day',
          2,
        ],
        [
          adapter === 'mysql'
            ? 'traffic_referrer_visits'
            : 'traffic.referrer_visits_by_day',
          1,
        ],
      ]);
      expect(logs.every((line) => line.service === 'traffic-processor')).toBe(
        true,
      );
    },
  );

  it('reports every record when the storage adapter is not configured', async () => {
    // Act
    const { logs, response } = await invokeBundle({});

    // Assess
    expect(response.batchItemFailures).toHaveLength(event.Records.length);
    expect(
      logs.find((line) => line.message === 'invocation failed'),
    ).toMatchObject({
      error: { name: 'ConfigurationError' },
    });
    expect(logs.some((line) => /upsert|insert/.test(line.message))).toBe(false);
  });
});
