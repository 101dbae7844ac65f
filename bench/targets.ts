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
  return checkRatio(target, ratio, `≤ ${limit}x`, ratio.median <= limit);
}

/** Checks a median ratio against a lower limit. */
export function checkAtLeast(
  target: string,
  ratio: Summary,
  limit: number,
): TargetCheck {
  return checkRatio(target, ratio, `≥ ${limit}x`, ratio.median >= limit);
}

function checkRatio(
  target: string,
  ratio: Summary,
  limit: string,
  pass: boolean,
): TargetCheck {
  const f = (value: number) => value.toFixed(2);
  const measured = `${f(ratio.median)}x (${f(ratio.min)}-${f(ratio.max)})`;

  return { target, measured, limit, pass };
}
