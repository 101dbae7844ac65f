import { describe, expect, it } from '@jest/globals';
import { InvalidArgumentError } from 'commander';
import { parseWholeNumber } from '../../lib/cli/cli-options.ts';

describe('parseWholeNumber', () => {
  it('reads a whole number at or above the minimum', () => {
    // Act
    const value = parseWholeNumber(1)('42');

    // Assess
    expect(value).toBe(42);
  });

  it.each(['0', '-3', '1.5', 'ten', ''])(
    'refuses %p below 1 or not whole',
    (text) => {
      // Act
      const parse = () => parseWholeNumber(1)(text);

      // Assess
      expect(parse).toThrow(InvalidArgumentError);
    },
  );
});

describe('parseWholeNumber with a maximum', () => {
  it('refuses a number above the maximum, naming the range', () => {
    // Act
    const parse = () => parseWholeNumber(1, 10_000)('10001');

    // Assess
    expect(parse).toThrow('expected a whole number from 1 to 10000');
  });

  it('takes the maximum itself', () => {
    // Act
    const value = parseWholeNumber(1, 10_000)('10000');

    // Assess
    expect(value).toBe(10_000);
  });
});
