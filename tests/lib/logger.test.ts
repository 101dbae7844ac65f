import { describe, expect, it } from '@jest/globals';
import { logLevelFromEnv } from '../../lib/logger.ts';

describe('logLevelFromEnv', () => {
  it.each([
    ['debug', 'debug'],
    ['WARN', 'warn'],
    ['silent', 'silent'],
    [undefined, 'info'],
    ['verbose', 'info'],
    ['constructor', 'info'],
    ['__proto__', 'info'],
    ['toString', 'info'],
  ])('reads LOG_LEVEL %p as %s', (value, level) => {
    // Act
    const read = logLevelFromEnv({ LOG_LEVEL: value });

    // Assess
    expect(read).toBe(level);
  });
});
