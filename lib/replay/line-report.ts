/** Lines of one kind: how many, the first few numbers, and why. */
export type LineReport = {
  count: number;
  /** The first line numbers, up to the report's limit. */
  lines: number[];
  /** How many lines each reason accounts for. */
  reasons: Record<string, number>;
};

/** An empty report. */
export function createLineReport(): LineReport {
  return { count: 0, lines: [], reasons: {} };
}

/** Counts one line, keeping its number only while under `limit`. */
export function addToLineReport(
  report: LineReport,
  line: number,
  reason: string,
  limit: number,
): void {
  report.count += 1;
  if (report.lines.length < limit) report.lines.push(line);
  report.reasons[reason] = (report.reasons[reason] ?? 0) + 1;
}
