import {
  buildVisitMessage,
  type VisitBatchEntry,
  type VisitBatchResult,
} from '../agent/index.ts';
import {
  addToLineReport,
  createLineReport,
  type LineReport,
} from './line-report.ts';
import { parseAccessLogLine } from './parse-access-log-line.ts';
import { readLogLines } from './read-log-lines.ts';

/** Sends visits, as the agent's `sendVisitBatch` does for one queue. */
export type SendVisits = (
  entries: VisitBatchEntry[],
) => Promise<VisitBatchResult>;

/** What a replay did with each line of the log. */
export interface ReplaySummary {
  lines: number;
  /** Visits classified direct: no referer, or a search engine. */
  direct: number;
  /** Visits from a link on another site. */
  referrer: number;
  /** Navigation within the site: not a visit, not enqueued. */
  sameSite: number;
  /** Lines that are not combined-log lines. */
  unparseable: LineReport;
  /** Lines the agent's rules refuse, by field and reason. */
  invalid: LineReport;
  sent: number;
  /** Visits the queue did not take, by error code. */
  failed: LineReport;
  /** Set when the replay was stopped before the end of the log. */
  interrupted?: true;
}

export interface ReplayOptions {
  /** The site's host or hosts: referers on it are internal navigation. */
  site: string | readonly string[];
  send: SendVisits;
  /** Visits handed to `send` at once. Default 100. */
  visitsPerSend?: number;
  /** Line numbers kept per report. Default 20. */
  maxReportedLines?: number;
  /** Told the running summary and the bytes read, every few lines. */
  onProgress?: (summary: ReplaySummary, bytesRead: number) => void;
  /** Longest line read, in bytes; 64 KiB unless told. */
  maxLineBytes?: number;
  /**
   * Stops reading when aborted: the visits already read are still sent,
   * and the summary, marked `interrupted`, counts what was done.
   */
  signal?: AbortSignal;
  now?: () => number;
}

const PROGRESS_EVERY = 100;

/**
 * Replays an access log as visits: each line is parsed, turned into the
 * agent's visit request (client address, referer, time of the request),
 * classified by the agent's rules and, unless it is navigation within the
 * site, sent to the queue in batches.
 *
 * The file is streamed; sending overlaps reading, with one group of
 * `visitsPerSend` in flight. A line that cannot be parsed, is too long or is
 * refused is counted with its number, never fatal.
 */
export async function replayAccessLog(
  path: string,
  options: ReplayOptions,
): Promise<ReplaySummary> {
  const limit = options.maxReportedLines ?? 20;
  const perSend = options.visitsPerSend ?? 100;
  const summary: ReplaySummary = {
    lines: 0,
    direct: 0,
    referrer: 0,
    sameSite: 0,
    unparseable: createLineReport(),
    invalid: createLineReport(),
    sent: 0,
    failed: createLineReport(),
  };
  let bytesRead = 0;
  let pending: VisitBatchEntry[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const flush = async () => {
    const entries = pending;
    pending = [];
    await inFlight;
    inFlight = options.send(entries).then((result) => {
      summary.sent += result.sent.length;
      for (const failure of result.failed) {
        addToLineReport(
          summary.failed,
          Number(failure.id),
          failure.code,
          limit,
        );
      }
    });
  };

  const lines = readLogLines(path, {
    ...(options.maxLineBytes === undefined
      ? {}
      : { maxLineBytes: options.maxLineBytes }),
    onBytes: (bytes) => {
      bytesRead = bytes;
    },
  });
  for await (const line of lines) {
    if (options.signal?.aborted === true) {
      summary.interrupted = true;
      break;
    }

    summary.lines += 1;
    const parsed =
      'tooLong' in line
        ? ({ ok: false, reason: 'too_long' } as const)
        : parseAccessLogLine(line.text);
    if (!parsed.ok) {
      addToLineReport(summary.unparseable, line.number, parsed.reason, limit);
    } else {
      const { client, referer, occurredAt } = parsed.entry;
      const outcome = buildVisitMessage(
        { ip: client, referrer: referer, site: options.site, occurredAt },
        options.now === undefined ? {} : { now: options.now },
      );
      if (outcome.outcome === 'same_site') summary.sameSite += 1;
      else if (outcome.outcome === 'invalid') {
        const reason = `${outcome.field}:${outcome.reason}`;
        addToLineReport(summary.invalid, line.number, reason, limit);
      } else {
        summary[outcome.message.type] += 1;
        pending.push({ id: String(line.number), message: outcome.message });
        if (pending.length >= perSend) await flush();
      }
    }

    if (line.number % PROGRESS_EVERY === 0) {
      options.onProgress?.(summary, bytesRead);
    }
  }

  if (pending.length > 0) await flush();
  await inFlight;
  options.onProgress?.(summary, bytesRead);
  return summary;
}
