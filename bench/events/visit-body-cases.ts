import { MAX_BODY_BYTES } from '../../lib/visit/parse-visit-body.ts';
import { MAX_URL_LENGTH } from '../../lib/visit/visit-url.ts';

/** A message body with the name of what it exercises. */
export type BodyCase = { name: string; body: unknown };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Valid bodies covering each accepted form: both types, epoch and ISO
 * times, IPv4, IPv6 and mapped addresses, bare hosts, https, IDN hosts and
 * unknown extra keys.
 *
 * @param now - the clock the contenders check `created_at` against
 */
export function listValidBodies(now: number): BodyCase[] {
  const at = now - DAY_MS;
  const iso = new Date(at).toISOString();

  return [
    valid('direct.epoch', { type: 'direct', created_at: at }),
    valid('direct.ipv4', { type: 'direct', created_at: at, ip: '192.0.2.1' }),
    valid('direct.ipv6', {
      type: 'direct',
      created_at: at,
      ip: '2001:DB8:0:0:0:0:0:1',
    }),
    valid('direct.iso-offset', {
      type: 'direct',
      created_at: iso.replace('Z', '+00:00'),
      ip: '198.51.100.7',
    }),
    valid('referrer.bare-host', {
      type: 'referrer',
      created_at: at,
      url: 'test.com',
    }),
    valid('referrer.https-mapped-ip', {
      type: 'referrer',
      created_at: at,
      url: 'https://Sub.Example.COM:443/a?b=c#d',
      ip: '::ffff:192.0.2.7',
    }),
    valid('referrer.idn', {
      type: 'referrer',
      created_at: iso,
      url: 'http://bücher.example/',
    }),
    valid('referrer.iso-z-ip', {
      type: 'referrer',
      created_at: iso,
      url: 'https://www.example.org/landing?utm_source=news',
      ip: '203.0.113.9',
    }),
    valid('referrer.credentials', {
      type: 'referrer',
      created_at: at,
      url: 'https://user:secret@example.net/path',
    }),
    valid('direct.extra-keys', {
      type: 'direct',
      created_at: at,
      campaign: 'spring',
    }),
  ];
}

/**
 * One body per way a message can break the contract, named
 * `<field>.<case>`. Cases whose name ends in `!` never occur in a real
 * burst (SQS bodies are non-empty strings of sane size) and are left out of
 * the timed mixes.
 */
export function listInvalidBodies(now: number): BodyCase[] {
  const at = now - DAY_MS;
  const direct = (fields: Record<string, unknown>) =>
    JSON.stringify({ type: 'direct', created_at: at, ...fields });
  const referrer = (url: unknown) =>
    JSON.stringify({ type: 'referrer', created_at: at, url });

  return [
    { name: 'body.not-a-string!', body: null },
    { name: 'body.empty!', body: '' },
    {
      name: 'body.too-large!',
      body: direct({ pad: 'x'.repeat(MAX_BODY_BYTES) }),
    },
    {
      name: 'body.too-large-in-bytes!',
      body: direct({ pad: 'é'.repeat(MAX_BODY_BYTES / 2) }),
    },
    { name: 'body.not-json', body: 'not json' },
    { name: 'body.truncated', body: direct({}).slice(0, -1) },
    { name: 'body.array', body: '[]' },
    { name: 'body.number', body: '42' },
    { name: 'body.null', body: 'null' },
    { name: 'body.string', body: JSON.stringify(direct({})) },
    { name: 'type.missing', body: JSON.stringify({ created_at: at }) },
    { name: 'type.other-case', body: direct({ type: 'Direct' }) },
    { name: 'type.unknown', body: direct({ type: 'organic' }) },
    { name: 'type.padded', body: direct({ type: ' direct' }) },
    { name: 'type.number', body: direct({ type: 1 }) },
    { name: 'type.null', body: direct({ type: null }) },
    { name: 'created_at.missing', body: JSON.stringify({ type: 'direct' }) },
    { name: 'created_at.seconds', body: direct({ created_at: 1639659000 }) },
    {
      name: 'created_at.before-2000',
      body: direct({ created_at: Date.UTC(2000, 0, 1) - 1 }),
    },
    {
      name: 'created_at.future',
      body: direct({ created_at: now + 7 * DAY_MS }),
    },
    { name: 'created_at.fraction', body: direct({ created_at: at + 0.5 }) },
    { name: 'created_at.negative', body: direct({ created_at: -1 }) },
    {
      name: 'created_at.no-zone',
      body: direct({ created_at: '2021-12-16T13:30:00' }),
    },
    {
      name: 'created_at.impossible-day',
      body: direct({ created_at: '2021-02-30T10:00:00Z' }),
    },
    {
      name: 'created_at.impossible-hour',
      body: direct({ created_at: '2021-12-16T24:00:00Z' }),
    },
    { name: 'created_at.prose', body: direct({ created_at: 'yesterday' }) },
    {
      name: 'created_at.digits',
      body: direct({ created_at: '1639659000000' }),
    },
    { name: 'created_at.boolean', body: direct({ created_at: true }) },
    { name: 'created_at.null', body: direct({ created_at: null }) },
    { name: 'ip.out-of-range', body: direct({ ip: '999.1.1.1' }) },
    { name: 'ip.prose', body: direct({ ip: 'not-an-ip' }) },
    { name: 'ip.zone-id', body: direct({ ip: 'fe80::1%eth0' }) },
    { name: 'ip.leading-zero', body: direct({ ip: '127.0.0.01' }) },
    { name: 'ip.number', body: direct({ ip: 2130706433 }) },
    { name: 'ip.null', body: direct({ ip: null }) },
    { name: 'ip.too-long', body: direct({ ip: `::${'0:'.repeat(30)}1` }) },
    { name: 'url.javascript', body: referrer('javascript:alert(1)') },
    { name: 'url.data', body: referrer('data:text/html,<b>x</b>') },
    { name: 'url.ftp', body: referrer('ftp://test.com/') },
    { name: 'url.no-host', body: referrer('http://') },
    { name: 'url.number', body: referrer(42) },
    { name: 'url.null', body: referrer(null) },
    { name: 'url.header-injection', body: referrer('http://a.com/\r\nX: y') },
    { name: 'url.space', body: referrer('http://a b.com/') },
    {
      name: 'url.too-long',
      body: referrer(`http://a.com/${'p'.repeat(MAX_URL_LENGTH)}`),
    },
  ];
}

/** Whether a case can occur in a real burst; see {@link listInvalidBodies}. */
export function occursInBursts(bodyCase: BodyCase): boolean {
  return !bodyCase.name.endsWith('!');
}

function valid(name: string, body: Record<string, unknown>): BodyCase {
  return { name, body: JSON.stringify(body) };
}
