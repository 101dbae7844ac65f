import { describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import fc from 'fast-check';
import { MysqlVisitStore } from '../../lib/adapters/mysql/mysql-visit-store.ts';
import { MAX_LOG_DEPTH, MAX_LOG_STRING_LENGTH } from '../../lib/logger.ts';
import { createProcessorHandler } from '../../lib/processor/create-processor-handler.ts';
import { buildSqsRecord } from '../fixtures/sqs-record.ts';
import {
  hostileText,
  NOW,
  ODD_CHARACTERS,
} from '../reliability/visit-arbitraries.ts';
import {
  captureRawLogger,
  findLogFaults,
  findLogLineFaults,
} from './log-line-faults.ts';

const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileText,
    fc.string({ unit: 'binary', minLength: 2000, maxLength: 5000 }),
    fc.double(),
    fc.bigInt(),
    fc.constantFrom(undefined, null, true, Symbol('s'), () => 1),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileText, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('createLogger', () => {
  it('writes any field values as one sound JSON line', () => {
    fc.assert(
      fc.property(
        fc.dictionary(hostileText, hostileValue, { maxKeys: 6 }),
        (fields) => {
          // Prepare
          const { logger, lines } = captureRawLogger();

          // Act
          logger.warn('record rejected', fields);

          // Assess
          expect(lines).toHaveLength(1);
          expect(findLogFaults(lines)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each(ODD_CHARACTERS)('keeps %j inside its value', (character) => {
    // Prepare
    const { logger, lines } = captureRawLogger();
    const value = `a${character}b"}\n{"level":"error"`;

    // Act
    logger.info('visit enqueued', { host: value });

    // Assess
    expect(findLogFaults(lines)).toEqual([]);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.host).toBe(value);
    expect(entry.level).toBe('info');
    expect(Object.keys(entry)).toEqual([
      'level',
      'time',
      'message',
      'service',
      'host',
    ]);
  });

  it('cuts a long value to the cap, marker included, without splitting a pair', () => {
    // Prepare
    const { logger, lines } = captureRawLogger();
    const value = '\ud83d\ude00'.repeat(MAX_LOG_STRING_LENGTH);

    // Act
    logger.info('long', { value, [value]: 1 });

    // Assess
    expect(findLogFaults(lines)).toEqual([]);
    const entry = JSON.parse(lines[0] as string);
    expect(entry.value.length).toBeLessThanOrEqual(MAX_LOG_STRING_LENGTH);
    expect(entry.value).toMatch(/^(\ud83d\ude00)+…\[\d+ more\]$/);
    const kept = entry.value.indexOf('…');
    expect(Number(entry.value.slice(kept + 2, -6))).toBe(value.length - kept);
    expect(Object.keys(entry).at(-1)).toBe(entry.value);
  });

  it('survives cycles, throwing getters and nesting past its depth', () => {
    // Prepare
    const { logger, lines } = captureRawLogger();
    const cycle: Record<string, unknown> = { name: 'a' };
    cycle.self = cycle;
    const selfCaused = new Error('outer');
    selfCaused.cause = selfCaused;
    const getter = {
      get secret(): string {
        throw new Error('no');
      },
    };
    const badJson = {
      toJSON() {
        throw new Error('no');
      },
    };
    let deep: unknown = 'bottom';
    for (let level = 0; level < 10_000; level++) deep = { deep };

    // Act
    logger.error('write failed', { error: cycle });
    logger.error('write failed', { error: selfCaused });
    logger.error('write failed', { getter, badJson });
    logger.error('write failed', { deep });
    logger.error('write failed', getter);

    // Assess
    expect(lines).toHaveLength(5);
    expect(findLogFaults(lines)).toEqual([]);
    const [first, second, third, fourth, fifth] = lines.map((line) =>
      JSON.parse(line),
    );
    expect(first.error).toEqual({ name: 'a', self: '[circular]' });
    expect(second.error).toEqual({
      name: 'Error',
      message: 'outer',
      cause: '[circular]',
    });
    expect(third).toMatchObject({
      getter: '[unserializable]',
      badJson: '[unserializable]',
    });
    expect(JSON.stringify(fourth)).toContain('[too deep]');
    // The line itself is the first level.
    expect(JSON.stringify(fourth).split('"deep"')).toHaveLength(
      MAX_LOG_DEPTH + 1,
    );
    expect(fifth).toMatchObject({
      level: 'error',
      message: 'write failed',
      logError: { name: 'Error', message: 'no' },
    });
  });

  it('writes a prototype key as data, never as a prototype', () => {
    // Prepare
    const { logger, lines } = captureRawLogger();
    const fields = JSON.parse('{"__proto__":{"polluted":1},"a":1}');

    // Act
    logger.info('x', { fields });

    // Assess
    expect(JSON.parse(lines[0] as string).fields).toEqual(
      JSON.parse('{"__proto__":{"polluted":1},"a":1}'),
    );
    expect('polluted' in {}).toBe(false);
  });
});

describe('processor log lines', () => {
  it('stay sound and name every record when a store throws an odd error', async () => {
    // Prepare
    const { logger, lines } = captureRawLogger('traffic-processor');
    const odd: Record<string, unknown> = { code: 'E\r\nX', detail: 'x' };
    odd.self = odd;
    const mysql = new MysqlVisitStore(logger);
    const handler = createProcessorHandler({
      logger,
      configure: () => ({
        store: {
          saveVisits: (type, visits) =>
            type === 'referrer'
              ? Promise.reject(odd)
              : mysql.saveVisits(type, visits),
        },
        ipStorage: 'truncated',
      }),
      now: () => NOW,
    });
    const direct = buildSqsRecord(
      JSON.stringify({ type: 'direct', created_at: NOW }),
    );
    const referrer = buildSqsRecord(
      JSON.stringify({ type: 'referrer', created_at: NOW, url: 'a.test' }),
    );

    // Act
    const response = await handler(
      { Records: [direct, referrer] },
      {} as Context,
    );

    // Assess
    expect(response.batchItemFailures).toEqual([
      { itemIdentifier: referrer.messageId },
    ]);
    expect(findLogFaults(lines)).toEqual([]);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map((entry) => entry.message)).toEqual([
      'mysql upsert',
      'write failed',
      'record failed',
      'batch processed',
    ]);
    expect(entries[1].error).toEqual({
      code: 'E\r\nX',
      detail: 'x',
      self: '[circular]',
    });
    expect(entries[2].messageId).toBe(referrer.messageId);
  });

  it('keep a line whole whatever a stored url holds', () => {
    // Prepare
    const { logger, lines } = captureRawLogger();
    const url = `http://a.test/${'"\\\u2028%0d%0a'.repeat(600)}`;

    // Act
    logger.info('mysql upsert', { params: [url] });

    // Assess
    expect(findLogLineFaults(lines[0] as string)).toEqual([]);
  });
});
