import { statSync } from 'node:fs';
import { Command } from 'commander';
import { sendVisitBatch } from '../../agent/index.ts';
import { replayAccessLog } from '../../replay/replay-access-log.ts';
import {
  addConnectionOptions,
  addQueueOptions,
  parseSiteHosts,
  parseWholeNumber,
  type QueueFlags,
} from '../cli-options.ts';
import {
  describeReplayWarnings,
  formatReplaySummary,
} from '../format-replay-summary.ts';
import { startProgressBar } from '../progress-bar.ts';
import {
  handleInterrupts,
  type ShutdownSignal,
  SIGNAL_EXIT_CODES,
} from '../shutdown-signals.ts';
import type { ConnectionFlags } from '../sqs-connection.ts';
import { connect, resolveTrafficQueueUrl } from './connect.ts';

type ReplayFlags = ConnectionFlags &
  QueueFlags & { site: string[]; maxReported: number; json?: boolean };

/** `traffic replay`: real traffic from an access log, through the agent. */
export function createReplayCommand(): Command {
  const command = new Command('replay')
    .description(
      'send the visits of an Apache/Nginx combined access log to the queue',
    )
    .argument('<log>', 'access log file, combined format, plain or gzipped')
    .requiredOption(
      '--site <host>',
      "the site's host (comma-separate several); its own pages are not visits",
      parseSiteHosts,
    )
    .option(
      '--max-reported <n>',
      'line numbers listed per kind of problem',
      parseWholeNumber(0),
      20,
    )
    .option('--json', 'print the summary as JSON')
    .action(async (log: string, flags: ReplayFlags) => {
      const size = statSync(log).size;
      const { sqs } = connect(flags);
      const stop = new AbortController();
      let signal: ShutdownSignal | undefined;
      // A first Ctrl-C ends the replay with its summary; a second, at once.
      const release = handleInterrupts((received) => {
        signal = received;
        stop.abort();
      });
      const bar = startProgressBar('replay', size, 'bytes');
      try {
        const queueUrl = await resolveTrafficQueueUrl(sqs, flags);
        const summary = await replayAccessLog(log, {
          site: flags.site,
          send: (entries) => sendVisitBatch(sqs, queueUrl, entries),
          maxReportedLines: flags.maxReported,
          onProgress: (_summary, bytesRead) => bar.update(bytesRead),
          signal: stop.signal,
        });
        bar.stop();

        if (flags.json === true) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
          for (const warning of describeReplayWarnings(summary)) {
            process.stderr.write(`traffic: ${warning}\n`);
          }
        } else {
          process.stdout.write(`${formatReplaySummary(summary, log)}\n`);
        }
        if (summary.failed.count > 0) process.exitCode = 1;
        if (signal !== undefined) process.exitCode = SIGNAL_EXIT_CODES[signal];
      } finally {
        bar.stop();
        release();
        sqs.destroy();
      }
    });

  addQueueOptions(command, { queue: true });
  return addConnectionOptions(command);
}
