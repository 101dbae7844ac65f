/** Middle and spread of a set of measures. */
export type Summary = { median: number; min: number; max: number };

/** The median with its min and max; throws on an empty set. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('nothing to summarize');

  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;

  return { median, min: sorted[0] as number, max: sorted.at(-1) as number };
}

/**
 * Ratios of two series measured pair by pair in the same rounds, so noise
 * that hit both sides of a round cancels out.
 */
export function summarizeRatios(
  numerators: readonly number[],
  denominators: readonly number[],
): Summary {
  if (numerators.length !== denominators.length) {
    throw new Error('ratios need pairs from the same rounds');
  }

  return summarize(
    numerators.map((value, i) => value / (denominators[i] as number)),
  );
}

/** `median (min-max)` with a fixed number of decimals. */
export function formatSummary(summary: Summary, decimals = 1): string {
  const f = (value: number) => value.toFixed(decimals);
  return `${f(summary.median)} (${f(summary.min)}-${f(summary.max)})`;
}
