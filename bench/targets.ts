import type { Summary } from './stats.ts';

/** One target of the benchmark and how the measure compares to it. */
export type TargetCheck = {
  target: string;
  measured: string;
  limit: string;
  pass: boolean;
};

/** Checks a median ratio against an upper limit. */
export function checkAtMost(
  target: string,
  ratio: Summary,
  limit: number,
): TargetCheck {
  return {
    target,
    measured: `${ratio.median.toFixed(2)}x (${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)})`,
    limit: `≤ ${limit}x`,
    pass: ratio.median <= limit,
  };
}

/** Checks a median ratio against a lower limit. */
export function checkAtLeast(
  target: string,
  ratio: Summary,
  limit: number,
): TargetCheck {
  return {
    target,
    measured: `${ratio.median.toFixed(2)}x (${ratio.min.toFixed(2)}-${ratio.max.toFixed(2)})`,
    limit: `≥ ${limit}x`,
    pass: ratio.median >= limit,
  };
}
