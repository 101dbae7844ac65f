import { isIP } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalizeIpAddress } from '../../lib/visit/ip-address.ts';
import { truncateIpAddress } from '../../lib/visit/truncate-ip-address.ts';

/** Reads an IPv6 address of hex groups as one 128-bit number. */
function readIpv6(address: string): bigint {
  const [head = '', tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  expect(groups).toHaveLength(8);

  return groups.reduce(
    (value, group) => (value << 16n) | BigInt(`0x${group}`),
    0n,
  );
}

const canonicalAddress = fc
  .oneof(
    fc.ipV4(),
    fc.ipV6(),
    fc.ipV4().map((ip) => `::ffff:${ip}`),
    fc.constantFrom('0.0.0.0', '255.255.255.255', '::', '::1', 'ffff::'),
  )
  .map((raw) => normalizeIpAddress(raw))
  .filter((ip): ip is string => ip !== undefined);

describe('truncateIpAddress', () => {
  it('returns a canonical address, unchanged by a second truncation', () => {
    fc.assert(
      fc.property(canonicalAddress, (ip) => {
        // Act
        const truncated = truncateIpAddress(ip);

        // Assess
        expect(normalizeIpAddress(truncated)).toBe(truncated);
        expect(isIP(truncated)).toBe(isIP(ip));
        expect(truncateIpAddress(truncated)).toBe(truncated);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an IPv4 address in its /24 with the host part cleared', () => {
    fc.assert(
      fc.property(fc.ipV4(), (raw) => {
        // Prepare
        const ip = normalizeIpAddress(raw) as string;

        // Act
        const truncated = truncateIpAddress(ip);

        // Assess
        const network = ip.split('.').slice(0, 3);
        expect(truncated.split('.')).toEqual([...network, '0']);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps an IPv6 address in its /48 with the low 80 bits cleared', () => {
    fc.assert(
      fc.property(
        fc
          .ipV6()
          .map((raw) => normalizeIpAddress(raw) as string)
          .filter((ip) => ip.includes(':')),
        (ip) => {
          // Act
          const truncated = truncateIpAddress(ip);

          // Assess
          const value = readIpv6(ip);
          const network = readIpv6(truncated);
          expect(network >> 80n).toBe(value >> 80n);
          expect(network & ((1n << 80n) - 1n)).toBe(0n);
        },
      ),
      { numRuns: 500 },
    );
  });
});
