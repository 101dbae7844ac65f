import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type BenchBundles,
  buildBenchBundles,
} from '../../bench/build-bench-bundles.ts';
import { findDisagreements } from '../../bench/equivalence/find-disagreements.ts';
import { listEquivalenceEvents } from '../../bench/equivalence/list-equivalence-events.ts';
import { buildSqsEvent } from '../../bench/events/build-sqs-event.ts';
import { listInvalidBodies } from '../../bench/events/visit-body-cases.ts';

const NOW = Date.UTC(2021, 11, 16, 13, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

const mostly = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: invalid });

const visitFields = {
  type: mostly(
    fc.constantFrom('direct', 'referrer'),
    fc.constantFrom('Direct', '', ' referrer', null, 1, true),
  ),
  created_at: mostly(
    fc.oneof(
      fc.integer({ min: NOW - 20 * 365 * DAY_MS, max: NOW + DAY_MS }),
      fc
        .date({ min: new Date(2000, 0, 2), max: new Date(NOW) })
        .filter((date) => !Number.isNaN(date.getTime()))
        .map((date) => date.toISOString()),
      fc.constantFrom('2021-12-16T13:30+0100', '2021-12-16T13:30:00.5-05:00'),
    ),
    fc.oneof(
      fc.integer({ min: -DAY_MS, max: 2 ** 53 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string(),
      fc.constantFrom(
        '2021-12-16T13:30:00',
        '2021-12-16 13:30:00Z',
        '1639659000000',
      ),
    ),
  ),
  ip: mostly(
    fc.oneof(fc.ipV4(), fc.ipV6(), fc.constant('::ffff:10.0.0.1')),
    fc.oneof(
      fc.ipV4Extended(),
      fc.string({ maxLength: 50 }),
      fc.constantFrom(null, 7, 'fe80::1%eth0'),
    ),
  ),
  url: mostly(
    fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.domain(),
      fc.constantFrom('//host.example/x', 'a.com:80/p'),
    ),
    fc.oneof(fc.string(), fc.constantFrom(null, 3, 'ftp://a.b/', 'http://')),
  ),
  extra: fc.jsonValue(),
};

const visitBody = fc
  .oneof(
    {
      weight: 9,
      arbitrary: fc.record(visitFields, {
        requiredKeys: ['type', 'created_at'],
      }),
    },
    { weight: 1, arbitrary: fc.record(visitFields, { requiredKeys: [] }) },
  )
  .map((body) => JSON.stringify(body));

describe('benchmark contenders', () => {
  let dir: string;
  let bundles: BenchBundles;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'traffic-bench-'));
    bundles = await buildBenchBundles(dir);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('build into bundles for Lambda, for the sink and for the children', () => {
    // Assess
    const paths = [
      ...Object.values(bundles.lambda),
      ...Object.values(bundles.sink),
      ...Object.values(bundles.children),
    ];
    expect(paths).toHaveLength(8);
    expect(paths.filter((path) => !existsSync(path))).toEqual([]);
  });

  it('cover every SQS fixture and every invalid kind', () => {
    // Act
    const names = listEquivalenceEvents(NOW).map((entry) => entry.name);

    // Assess
    expect(names).toEqual(
      expect.arrayContaining([
        'fixture mixed.json',
        'fixture invalid-body.json',
        'fixture invalid-created-at.json',
        'fixture invalid-ip.json',
        'fixture invalid-type.json',
        'fixture invalid-url.json',
        ...listInvalidBodies(NOW).map((body) => `generated ${body.name}`),
      ]),
    );
  });

  it('return identical failures and rows on fixtures and generated kinds', async () => {
    // Act
    const disagreements = await findDisagreements(bundles.sink, { now: NOW });

    // Assess
    expect(disagreements).toEqual([]);
  });

  it('return identical failures and rows on arbitrary bodies', async () => {
    // Prepare
    const bodies = fc.sample(visitBody, { numRuns: 400, seed: 20211216 });
    const events = [{ name: 'arbitrary bodies', event: buildSqsEvent(bodies) }];

    // Act
    const disagreements = await findDisagreements(bundles.sink, {
      now: NOW,
      events,
    });

    // Assess
    expect(disagreements).toEqual([]);
  });

  it('report a contender that accepts every record', async () => {
    // Prepare
    const lenient = join(dir, 'lenient.mjs');
    writeFileSync(
      lenient,
      'export const createSinkHandler = () => async () => ({ batchItemFailures: [] });\n',
    );

    // Act
    const disagreements = await findDisagreements(
      { ...bundles.sink, 'bare-floor': lenient },
      { now: NOW },
    );

    // Assess
    expect(disagreements.length).toBeGreaterThan(0);
    expect(
      disagreements.every((line) => line.startsWith('bare-floor on')),
    ).toBe(true);
  });
});
