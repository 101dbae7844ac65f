import { describe, expect, it } from '@jest/globals';
import { truncateIpAddress } from '../../../lib/visit/truncate-ip-address.ts';

describe('truncateIpAddress', () => {
  it.each([
    ['192.0.2.123', '192.0.2.0'],
    ['10.0.0.0', '10.0.0.0'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1::'],
    ['2001:db8::1', '2001:db8::'],
    ['2001:db8:aaaa::', '2001:db8:aaaa::'],
    ['::1', '::'],
    ['fe80::1:2', 'fe80::'],
  ])('cuts %s to %s', (ip, network) => {
    // Act
    const truncated = truncateIpAddress(ip);

    // Assess
    expect(truncated).toBe(network);
  });
});
