/** Earliest plausible visit: 2000-01-01T00:00:00Z, in epoch milliseconds. */
export const EARLIEST_VISIT_MS = Date.UTC(2000, 0, 1);

/** How far ahead of the processor's clock a visit may be stamped. */
export const MAX_CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

export type CreatedAtRejection =
  | 'not_an_integer'
  | 'not_iso_8601_with_zone'
  | 'implausible_time';

// Date, time with at least minutes, optional fraction, mandatory zone.
const ISO_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * Reads `created_at` as epoch milliseconds.
 *
 * Accepts an integer number of milliseconds or an ISO-8601 string with a
 * zone. A value before 2000 or more than a day ahead of `now` is refused; a
 * seconds-sized number is refused too, never scaled, since guessing units
 * silently corrupts data.
 */
export function parseCreatedAt(
  value: number | string,
  now: number,
): number | { rejection: CreatedAtRejection } {
  const ms = typeof value === 'number' ? fromNumber(value) : fromIso(value);
  if (typeof ms !== 'number') return ms;
  if (ms < EARLIEST_VISIT_MS || ms > now + MAX_CLOCK_SKEW_MS) {
    return { rejection: 'implausible_time' };
  }

  return ms;
}

function fromNumber(value: number): number | { rejection: CreatedAtRejection } {
  return Number.isSafeInteger(value) ? value : { rejection: 'not_an_integer' };
}

function fromIso(value: string): number | { rejection: CreatedAtRejection } {
  const parts = ISO_WITH_ZONE.exec(value);
  if (parts === null || !hasValidFields(parts)) {
    return { rejection: 'not_iso_8601_with_zone' };
  }

  const ms = Date.parse(value);
  return Number.isNaN(ms) ? { rejection: 'not_iso_8601_with_zone' } : ms;
}

function hasValidFields(parts: RegExpExecArray): boolean {
  const [
    year,
    month,
    day,
    hour,
    minute,
    second = 0,
    zoneHour = 0,
    zoneMin = 0,
  ] = parts
    .slice(1)
    .map((part) => (part === undefined ? undefined : Number(part)));
  const daysInMonth = new Date(Date.UTC(year ?? 0, month ?? 0, 0)).getUTCDate();

  return (
    month !== undefined &&
    month >= 1 &&
    month <= 12 &&
    day !== undefined &&
    day >= 1 &&
    day <= daysInMonth &&
    hour !== undefined &&
    hour <= 23 &&
    minute !== undefined &&
    minute <= 59 &&
    second <= 59 &&
    zoneHour <= 23 &&
    zoneMin <= 59
  );
}
