import type { DemoReport } from './run-demo.ts';

/** Whether every sent message ended stored or dead-lettered. */
export function isBalanced(report: DemoReport): boolean {
  const { direct, referrer } = report.stored;

  return (
    report.drained && direct + referrer + report.deadLettered === report.sent
  );
}

/**
 * Writes a demo report as aligned text lines, ending with a verdict.
 *
 * @param context - what the run replayed, for the heading
 */
export function formatDemoReport(
  report: DemoReport,
  context: {
    logPath: string;
    site: string | readonly string[];
    storage: string;
  },
): string {
  const { replay, stored } = report;
  const storedTotal = stored.direct + stored.referrer;
  const seconds = report.durationMs / 1000;
  const storing = report.storingMs / 1000;
  const rows: [string, string | number, string?][] = [
    ['log lines', replay.lines, context.logPath],
    ['  same-site', replay.sameSite, 'navigation within the site, not sent'],
    ['  unparseable', replay.unparseable.count],
    ['  refused', replay.invalid.count, "by the agent's rules, not sent"],
    ['  send failed', replay.failed.count],
    [
      'sent',
      report.sent,
      `${replay.sent} visits + ${report.invalidSent} invalid`,
    ],
    ['stored', storedTotal, `${context.storage} adapter`],
    ['  direct', stored.direct, `replay classified ${replay.direct}`],
    ['  referrer', stored.referrer, `replay classified ${replay.referrer}`],
    ['dead-lettered', report.deadLettered],
    ['redelivered', report.redelivered, 'stored again by idempotent upsert'],
    [
      'duration',
      seconds.toFixed(1),
      report.drained ? 's, until the queue drained' : 's, until the timeout',
    ],
    ['throughput', computeRate(report.sent, seconds), 'messages/s overall'],
    [
      'visits stored',
      storing.toFixed(1),
      `s after the first send (${computeRate(storedTotal, storing)} visits/s)`,
    ],
  ];

  const site = [context.site].flat().join(', ');
  const lines = [`traffic demo: site ${site}`, ''];
  for (const [label, value, note] of rows) {
    const cells = `  ${label.padEnd(15)}${String(value).padStart(9)}`;
    lines.push(note === undefined ? cells : `${cells}   ${note}`);
  }
  lines.push('', `  ${describeVerdict(report, storedTotal)}`);

  return lines.join('\n');
}

function computeRate(count: number, seconds: number): number {
  return seconds > 0 ? Math.round(count / seconds) : count;
}

function describeVerdict(report: DemoReport, storedTotal: number): string {
  const sum = `stored ${storedTotal} + dead-lettered ${report.deadLettered}`;
  if (!report.drained) return `NOT DRAINED: ${sum} of ${report.sent} sent`;
  if (isBalanced(report)) return `OK: ${sum} = sent ${report.sent}`;

  return `MISMATCH: ${sum} != sent ${report.sent}`;
}
