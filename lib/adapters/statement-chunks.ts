/**
 * Most rows one echoed statement carries. Keeps each statement under MySQL's
 * default `max_allowed_packet` and each log line far below CloudWatch's
 * 256 KB event limit, whatever the batch size.
 */
export const MAX_ROWS_PER_STATEMENT = 500;

/** Splits `rows` into runs of at most {@link MAX_ROWS_PER_STATEMENT}. */
export function* chunkRows<T>(rows: readonly T[]): Generator<readonly T[]> {
  for (let start = 0; start < rows.length; start += MAX_ROWS_PER_STATEMENT) {
    yield rows.slice(start, start + MAX_ROWS_PER_STATEMENT);
  }
}
