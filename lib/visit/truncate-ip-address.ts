import { normalizeIpAddress } from './ip-address.ts';

/** How client addresses are stored: whole, or cut to their network. */
export const IP_STORAGE_MODES = ['truncated', 'full'] as const;

export type IpStorageMode = (typeof IP_STORAGE_MODES)[number];

/** IPv6 groups kept when truncating: 3 groups of 16 bits, a /48. */
const KEPT_IPV6_GROUPS = 3;

/**
 * Cuts a canonical address to its network: IPv4 to its /24 (`192.0.2.0`),
 * IPv6 to its /48 (`2001:db8:1::`). The result no longer names one client,
 * yet still places it in a provider and a region.
 */
export function truncateIpAddress(canonical: string): string {
  if (!canonical.includes(':')) {
    return canonical.replace(/\.\d+$/, '.0');
  }

  const groups = expandIpv6(canonical).slice(0, KEPT_IPV6_GROUPS);
  const network = [...groups, '0', '0', '0', '0', '0'].join(':');
  return normalizeIpAddress(network) ?? canonical;
}

function expandIpv6(canonical: string): string[] {
  const [head = '', tail] = canonical.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = new Array(8 - left.length - right.length).fill('0');

  return [...left, ...zeros, ...right];
}
