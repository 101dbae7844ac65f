import fc from 'fast-check';
import {
  EARLIEST_VISIT_MS,
  MAX_CLOCK_SKEW_MS,
} from '../../lib/visit/created-at.ts';
import { MAX_BODY_BYTES } from '../../lib/visit/parse-visit-body.ts';

/** The processor's clock in every property: a fixed instant. */
export const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);

/** Latest `created_at` the processor accepts at {@link NOW}. */
export const LATEST_VISIT_MS = NOW + MAX_CLOCK_SKEW_MS;

/** Keys that reach `Object.prototype` when an object is merged carelessly. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'];

/** The property a polluted prototype would show; nothing may ever set it. */
export const POLLUTION_MARK = 'pollutedByVisit';

/** Text that never reaches a stored field, so it must never be logged. */
export const CANARY = '\u2620canary';

/** A JSON member: its key and its value as raw JSON text. */
type Member = [key: string, json: string];

/**
 * Writes members as a JSON object text. Unlike `JSON.stringify` on an
 * object literal, this keeps `__proto__` as a plain key and allows
 * duplicated keys, as an attacker's body can.
 */
export function writeJsonObject(members: readonly Member[]): string {
  return `{${members.map(([key, json]) => `${JSON.stringify(key)}:${json}`).join(',')}}`;
}

const json = (value: unknown) => JSON.stringify(value);

/** Characters that break naive logs, parsers or displays. */
export const ODD_CHARACTERS = [
  '\u0000',
  '\r',
  '\n',
  '\r\n',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u202e',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0301',
  '"',
  '\\',
  '\ud800',
  '\udfff',
  '\ud83d\ude00',
  '%0d%0a',
  '\u05d0',
];

const oddCharacter = fc.constantFrom(...ODD_CHARACTERS);
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));

/** Any text: every code point, lone surrogates and troublesome characters. */
export const hostileText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 1 }) },
    { weight: 1, arbitrary: loneSurrogate },
    { weight: 2, arbitrary: oddCharacter },
  ),
  maxLength: 40,
});

const isoOf = (ms: number) => new Date(ms).toISOString();

/** An instant the processor accepts at {@link NOW}, boundaries included. */
const acceptedInstant = fc.oneof(
  fc.integer({ min: EARLIEST_VISIT_MS, max: LATEST_VISIT_MS }),
  fc.constantFrom(EARLIEST_VISIT_MS, NOW, LATEST_VISIT_MS),
);

function writeWithOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const sign = offsetMinutes < 0 ? '-' : '+';
  const hours = String(Math.trunc(Math.abs(offsetMinutes) / 60));
  const minutes = String(Math.abs(offsetMinutes) % 60);
  const zone = `${sign}${hours.padStart(2, '0')}:${minutes.padStart(2, '0')}`;

  return `${local.slice(0, -1)}${zone}`;
}

/** `created_at` as JSON text: epoch milliseconds or ISO-8601 with a zone. */
const validCreatedAt = fc.oneof(
  acceptedInstant.map(json),
  acceptedInstant.map((ms) => json(isoOf(ms))),
  acceptedInstant.map((ms) =>
    json(isoOf(ms - (ms % 1000)).replace('.000', '')),
  ),
  fc
    .tuple(
      acceptedInstant,
      fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)),
    )
    .map(([ms, offset]) => json(writeWithOffset(ms, offset))),
);

const validIp = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.ipV4().map((ip) => `::ffff:${ip}`),
);

const validUrl = fc.oneof(
  fc.webUrl({
    validSchemes: ['http', 'https'],
    withQueryParameters: true,
    withFragments: true,
  }),
  fc.domain(),
  fc
    .tuple(fc.domain(), fc.integer({ min: 1, max: 65535 }))
    .map(([host, port]) => `${host}:${port}/a`),
  fc.domain().map((host) => `//${host}/path?q=1`),
  fc.domain().map((host) => `https://user:secret@${host}/`),
  fc.constantFrom(
    'bücher.example',
    'http://xn--bcher-kva.example/',
    'HTTP://EXAMPLE.COM./A',
    'http://[2001:db8::1]:8080/',
    'http://192.0.2.1/%0d%0aSet-Cookie:x',
    `http://example.com/${'é'.repeat(200)}`,
  ),
);

/** Keys a producer may add that the processor must ignore, without harm. */
const extraMember: fc.Arbitrary<Member> = fc.oneof(
  fc.constantFrom<Member>(
    ['__proto__', json({ [POLLUTION_MARK]: CANARY })],
    ['constructor', json({ prototype: { [POLLUTION_MARK]: CANARY } })],
    ['prototype', json({ [POLLUTION_MARK]: CANARY })],
  ),
  fc.tuple(
    hostileText.filter(
      (key) => !['type', 'created_at', 'ip', 'url'].includes(key),
    ),
    fc.jsonValue({ maxDepth: 3 }).map(json),
  ),
);

/**
 * A body the processor must accept: a valid visit of either type, any
 * optional field, and ignorable extra keys placed before the visit's own.
 */
export const validVisitBody: fc.Arbitrary<string> = fc
  .record({
    type: fc.constantFrom('direct', 'referrer'),
    createdAt: validCreatedAt,
    ip: fc.option(validIp, { nil: undefined }),
    url: fc.option(validUrl, { nil: undefined }),
    extras: fc.array(extraMember, { maxLength: 3 }),
  })
  .map(({ type, createdAt, ip, url, extras }) => {
    const members: Member[] = [
      ...extras,
      ['type', json(type)],
      ['created_at', createdAt],
    ];
    if (ip !== undefined) members.push(['ip', json(ip)]);
    if (url !== undefined) members.push(['url', json(url)]);

    return writeJsonObject(members);
  });

/** `created_at` values at and beyond every edge, as raw JSON text. */
export const EDGE_CREATED_AT = [
  '0',
  '-0',
  '1e308',
  '-1e308',
  '1e400',
  '1.5',
  '1.0',
  String(Number.MAX_SAFE_INTEGER),
  '9007199254740992',
  '9007199254740993',
  String(Number.MIN_SAFE_INTEGER - 1),
  String(EARLIEST_VISIT_MS - 1),
  String(EARLIEST_VISIT_MS),
  String(LATEST_VISIT_MS),
  String(LATEST_VISIT_MS + 1),
  String(Math.trunc(NOW / 1000)),
  json('NaN'),
  json('Infinity'),
  json('-Infinity'),
  json('1e3'),
  json(''),
  json('0x1F'),
  json(String(NOW)),
  json(` ${isoOf(NOW)}`),
  json(isoOf(NOW).replace('Z', '')),
  json('2021-02-30T00:00:00Z'),
  json('2021-01-01T24:00:00Z'),
  json('2021-01-01T00:00:00+25:00'),
  json(isoOf(EARLIEST_VISIT_MS - 1)),
  json(isoOf(EARLIEST_VISIT_MS)),
  json(isoOf(LATEST_VISIT_MS)),
  json(isoOf(LATEST_VISIT_MS + 1)),
  'null',
  'true',
  '[]',
  '{}',
];

/** URLs that grow past the length limit once percent-encoded. */
export const SWELLING_URLS = [
  `http://example.com/${'é'.repeat(400)}`,
  `https://example.com/?q=${'€'.repeat(300)}`,
  `example.com/${'\ud83d\ude00'.repeat(200)}`,
];

/** ISO-8601 spellings a strict reader might mishandle, as JSON text. */
const ODD_ISO_CREATED_AT = [
  '2024-06-15T11:59:59.123456789Z',
  '2024-06-15T11:59:59.9999Z',
  '2024-06-15t11:59:59z',
  '2024-06-15T17:29+0530',
  '2024-06-15T11:59:59-00:00',
  '2024-02-29T00:00:00Z',
  '2023-02-29T00:00:00Z',
  '+002024-06-15T11:59:59Z',
  '2024-06-15T11:59:60Z',
].map(json);

const hostileJson = fc.oneof(
  hostileText.map(json),
  fc.constantFrom(...ODD_ISO_CREATED_AT),
  fc.jsonValue({ maxDepth: 4 }).map(json),
  fc.constantFrom(...EDGE_CREATED_AT),
  fc.constantFrom(...SWELLING_URLS.map(json)),
);

const visitField = fc.constantFrom('type', 'created_at', 'ip', 'url');

/** Objects that bury prototype keys at every depth. */
const prototypeBomb: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...PROTOTYPE_KEYS), { minLength: 1, maxLength: 6 })
  .map((path) =>
    path.reduceRight(
      (inner, key) => writeJsonObject([[key, inner]]),
      json({ [POLLUTION_MARK]: CANARY }),
    ),
  );

/**
 * A visit-shaped object whose fields are drawn from hostile values: some
 * end up valid, most do not. Values that can never be stored carry the
 * canary, so a test can prove they are never logged.
 */
const hostileVisitObject: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.tuple(visitField, hostileJson),
      fc.tuple(fc.constant('type'), fc.constantFrom('"direct"', '"referrer"')),
      fc.tuple(fc.constant('created_at'), validCreatedAt),
      fc.tuple(
        fc.constant('type'),
        hostileText.map((t) => json(CANARY + t)),
      ),
      fc.tuple(
        fc.constant('ip'),
        hostileText.map((t) => json(t + CANARY)),
      ),
      fc.tuple(
        fc.constant('url'),
        hostileText.map((t) => json(`javascript:${CANARY}${t}`)),
      ),
      fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS), prototypeBomb),
      fc.tuple(visitField, prototypeBomb),
    ),
    { maxLength: 8 },
  )
  .map((members) => writeJsonObject(members as Member[]));

/** A valid visit with one of its fields replaced by a hostile value. */
const nearlyValidBody: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('direct', 'referrer'), visitField, hostileJson)
  .map(([type, field, value]) => {
    const members = new Map<string, string>([
      ['type', json(type)],
      ['created_at', String(NOW)],
    ]);
    members.set(field, value);

    return writeJsonObject([...members]);
  });

function nest(depth: number, open: string, close: string, core: string) {
  return `${open.repeat(depth)}${core}${close.repeat(depth)}`;
}

const visitBody = json({ type: 'direct', created_at: NOW });
const padTo = (bytes: number, filler: string) => {
  const room = bytes - Buffer.byteLength(visitBody) - ',"pad":""'.length;
  const pad = filler.repeat(Math.floor(room / Buffer.byteLength(filler)));
  return writeJsonObject([
    ['type', '"direct"'],
    ['created_at', String(NOW)],
    ['pad', json(pad)],
  ]);
};

/** Bodies at and over the 256 KiB limit, and nested as deep as it allows. */
export const LARGE_BODIES = {
  atLimit: padTo(MAX_BODY_BYTES, 'a'),
  overLimit: `${padTo(MAX_BODY_BYTES, 'a').slice(0, -2)}a"}`,
  multibyteOverLimit: padTo(MAX_BODY_BYTES + 3, '€'),
  hugeString: json('x'.repeat(MAX_BODY_BYTES - 2)),
  deepArray: nest(120_000, '[', ']', ''),
  deepObject: nest(40_000, '{"a":', '}', '1'),
  deepType: writeJsonObject([
    ['type', nest(40_000, '[', ']', '"direct"')],
    ['created_at', String(NOW)],
  ]),
};

/** Any body at all: invalid almost always, valid sometimes by chance. */
export const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  { weight: 3, arbitrary: hostileVisitObject },
  { weight: 3, arbitrary: nearlyValidBody },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
  { weight: 1, arbitrary: prototypeBomb },
  { weight: 1, arbitrary: fc.constantFrom(...Object.values(LARGE_BODIES)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<unknown>(undefined, null, 42, { type: 'x' }),
  },
);
