/** A configuration value outside the values a setting allows. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
  readonly setting: string;
  readonly value: string | undefined;

  constructor(
    setting: string,
    value: string | undefined,
    allowed: readonly string[],
  ) {
    super(`${setting} must be one of: ${allowed.join(', ')}`);
    this.setting = setting;
    this.value = value;
  }
}

/**
 * Reads `setting` from `env` as one of `allowed`, or `fallback` when unset.
 * Without a fallback, an unset setting is an error.
 */
export function readChoice<T extends string>(
  env: NodeJS.ProcessEnv,
  setting: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = env[setting] ?? fallback;
  if (value === undefined || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigurationError(setting, env[setting], allowed);
  }

  return value as T;
}
