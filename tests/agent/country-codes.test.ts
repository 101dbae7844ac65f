import { describe, expect, it } from '@jest/globals';
import { COUNTRY_CODES } from '../../lib/agent/country-codes.ts';

describe('COUNTRY_CODES', () => {
  it('holds only regions the Unicode data knows', () => {
    // Prepare
    const names = new Intl.DisplayNames(['en'], { type: 'region' });

    // Act
    const unknown = [...COUNTRY_CODES].filter(
      (code) => names.of(code.toUpperCase()) === code.toUpperCase(),
    );

    // Assess
    expect(unknown).toEqual([]);
    expect(COUNTRY_CODES.size).toBe(252);
  });

  it('holds the country domains that are not ISO codes', () => {
    // Assess
    expect(['uk', 'eu', 'ac'].every((code) => COUNTRY_CODES.has(code))).toBe(
      true,
    );
  });
});
