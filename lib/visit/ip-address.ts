import { isIPv4 } from 'node:net';

const MAPPED_IPV4_PREFIX = '::ffff:';

// The only characters an IPv6 address without zone id is made of. The URL
// parser below would otherwise drop tabs and newlines silently.
const IPV6_CHARACTERS = /^[0-9a-f:.]+$/i;

/**
 * Returns the canonical text form of an IPv4 or IPv6 address, or `undefined`
 * when `raw` is not one.
 *
 * IPv4 stays dotted-quad; IPv6 is lower-case and zero-compressed
 * (RFC 5952). An IPv4-mapped IPv6 address becomes its IPv4 form, so one
 * client is stored one way whichever socket family saw it. Zone ids are
 * refused: they only mean something on the host that logged them.
 */
export function normalizeIpAddress(raw: string): string | undefined {
  if (isIPv4(raw)) return raw;
  // `net.isIPv6` would compile a very large regular expression on first use,
  // milliseconds of every cold start; the URL parser validates IPv6 as well.
  if (!IPV6_CHARACTERS.test(raw)) return undefined;

  const host = URL.parse(`http://[${raw}]/`)?.hostname;
  if (host === undefined) return undefined;

  const compressed = host.slice(1, -1);
  if (!compressed.startsWith(MAPPED_IPV4_PREFIX)) return compressed;

  return toMappedIpv4(compressed) ?? compressed;
}

function toMappedIpv4(compressed: string): string | undefined {
  const groups = compressed.slice(MAPPED_IPV4_PREFIX.length).split(':');
  if (groups.length !== 2) return undefined;

  const [high, low] = groups.map((group) => Number.parseInt(group, 16)) as [
    number,
    number,
  ];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}
