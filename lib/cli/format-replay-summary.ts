import type { LineReport } from '../replay/line-report.ts';
import type { ReplaySummary } from '../replay/replay-access-log.ts';

/**
 * Writes a replay summary as aligned text lines, followed by any warning
 * from {@link describeReplayWarnings}.
 */
export function formatReplaySummary(
  summary: ReplaySummary,
  logPath: string,
): string {
  const rows: [string, number, string?][] = [
    ['lines', summary.lines, logPath],
    ['direct', summary.direct, 'no referer, or a search engine'],
    ['referrer', summary.referrer, 'a link on another site'],
    ['same-site', summary.sameSite, 'navigation within the site, not sent'],
    ['unparseable', summary.unparseable.count, describe(summary.unparseable)],
    ['refused', summary.invalid.count, describe(summary.invalid)],
    ['sent', summary.sent],
    ['failed', summary.failed.count, describe(summary.failed)],
  ];

  const lines = rows.map(([label, value, note]) => {
    const cells = `${label.padEnd(12)}${String(value).padStart(8)}`;
    return note === undefined || note === '' ? cells : `${cells}   ${note}`;
  });

  return [...lines, ...describeReplayWarnings(summary)].join('\n');
}

/**
 * Says what a reader of the summary must not miss: that the replay was
 * interrupted, or that most lines were unparseable, as when the file is no
 * combined access log.
 */
export function describeReplayWarnings(summary: ReplaySummary): string[] {
  const warnings: string[] = [];
  if (summary.interrupted === true) {
    warnings.push(
      `interrupted after line ${summary.lines}: ` +
        `${summary.sent} visits were sent, the rest of the log was not read`,
    );
  }
  if (summary.unparseable.count > summary.lines / 2) {
    warnings.push(
      'most lines are not combined-format access log lines: ' +
        'is this an Apache or Nginx access log in the combined format?',
    );
  }

  return warnings;
}

function describe(report: LineReport): string {
  if (report.count === 0) return '';

  const reasons = Object.entries(report.reasons)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  const more = report.count > report.lines.length ? ', ...' : '';
  return `${reasons}; lines ${report.lines.join(', ')}${more}`;
}
